// The recipe readers on the forms Docker and Compose accept beyond what our recipes use today.
import { describe, expect, it } from 'vitest'
import { interpolate, portMapping } from './compose'
import {
  commandOf,
  copyArgs,
  envPairs,
  isIgnored,
  parseDockerfile,
  simpleCommands,
} from './dockerfile'

describe('parseDockerfile', () => {
  it('joins continuation lines, skipping comments inside them, and groups instructions by stage', () => {
    const stages = parseDockerfile(
      'ARG V=20\nFROM --platform=linux/amd64 node:20 AS build\nRUN a \\\n# note\n  && b\nfrom node:20\ncmd x',
    )
    expect(stages).toEqual([
      { image: 'node:20', name: 'build', instructions: [{ keyword: 'RUN', args: 'a   && b' }] },
      { image: 'node:20', name: null, instructions: [{ keyword: 'CMD', args: 'x' }] },
    ])
  })

  it('tells exec form from shell form, and splits shell scripts into simple commands', () => {
    expect(commandOf('["node", "-e", "1"]')).toEqual({ form: 'exec', argv: ['node', '-e', '1'] })
    expect(commandOf('[not json]')).toEqual({ form: 'shell', script: '[not json]' })
    const script = `npm ci; echo "a && b" || npm run 'build' | cat && x\\ y`
    expect(simpleCommands(commandOf(script))).toEqual([
      ['npm', 'ci'],
      ['echo', 'a && b'],
      ['npm', 'run', 'build'],
      ['cat'],
      ['x y'],
    ])
  })

  it('reads COPY flags, sources and destination, and ENV in both forms', () => {
    expect(copyArgs('--from=build --chown=node a b ./')).toMatchObject({
      sources: ['a', 'b'],
      destination: './',
    })
    expect(copyArgs('--from=build a ./').flags.get('from')).toBe('build')
    expect(copyArgs('["a b", "/c"]')).toMatchObject({ sources: ['a b'], destination: '/c' })
    expect(envPairs('A=1 B="x y" C=')).toEqual([
      ['A', '1'],
      ['B', 'x y'],
      ['C', ''],
    ])
    expect(envPairs('A x y')).toEqual([['A', 'x y']])
  })
})

describe('isIgnored', () => {
  it('matches paths and their parents, with *, ** and ! (the last match wins)', () => {
    const rules = '# c\n/data\n*.log\n**/*.tmp\ndocs\n!docs/keep.md\n'
    expect(
      ['data/a/b', 'x.log', 'a/b/c.tmp', 'c.tmp', 'docs/x.md'].map((p) => isIgnored(rules, p)),
    ).toEqual([true, true, true, true, true])
    expect(['a/x.log', 'datax', 'docs/keep.md'].map((p) => isIgnored(rules, p))).toEqual([
      false,
      false,
      false,
    ])
  })
})

describe('compose values', () => {
  it('interpolates like Compose, and refuses the forms it does not know', () => {
    const env = { SET: 'v', EMPTY: '' }
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} ${UNSET} $SET $$X', env)).toBe(
      'v d  d  v $X',
    )
    expect(() => interpolate('${SET:?missing}', env)).toThrow()
  })

  it('reads short and long port mappings', () => {
    expect(portMapping('127.0.0.1:8080:5100/tcp')).toEqual({
      hostIp: '127.0.0.1',
      hostPort: 8080,
      containerPort: 5100,
    })
    expect(portMapping('[::1]:8080:5100')).toEqual({
      hostIp: '::1',
      hostPort: 8080,
      containerPort: 5100,
    })
    expect(portMapping(5100)).toEqual({ hostIp: null, hostPort: null, containerPort: 5100 })
    expect(portMapping({ target: 5100, published: '80' })).toEqual({
      hostIp: null,
      hostPort: 80,
      containerPort: 5100,
    })
  })
})
