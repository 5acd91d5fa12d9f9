import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveConfig } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { envMismatches, splitDeployEnv } from './split-deploy-env'

describe('the split deploy settings', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('agree when both are unset, or set alike', () => {
    expect(envMismatches({}, {})).toEqual([])
    const origin = { PUBLIC_API_ORIGIN: 'https://api.example.com' }
    expect(envMismatches(origin, origin)).toEqual([])
  })

  it('differ when only a .env file sets one, or sets it otherwise', () => {
    expect(envMismatches({ PUBLIC_API_ORIGIN: 'https://api.example.com' }, {})).toEqual([
      'PUBLIC_API_ORIGIN',
    ])
    expect(
      envMismatches({ PUBLIC_CONNECT_SRC: 'https:' }, { PUBLIC_CONNECT_SRC: 'https://a.example' }),
    ).toEqual(['PUBLIC_CONNECT_SRC'])
  })

  it('stop a build whose .env file sets the API origin, naming the variable', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hushlink-env-'))
    dirs.push(root)
    writeFileSync(join(root, '.env'), 'PUBLIC_API_ORIGIN=https://api.example.com\n')
    const resolve = () =>
      resolveConfig(
        { root, configFile: false, envPrefix: ['PUBLIC_'], plugins: [splitDeployEnv()] },
        'build',
      )
    await expect(resolve()).rejects.toThrow(/PUBLIC_API_ORIGIN must be set in the environment/)
    // The same setting from the environment builds.
    process.env.PUBLIC_API_ORIGIN = 'https://api.example.com'
    try {
      await expect(resolve()).resolves.toBeTruthy()
    } finally {
      delete process.env.PUBLIC_API_ORIGIN
    }
  })
})
