// Kept for cli/, whose tests import this path: the file test helpers live in server/testing/.
export * from './testing/file-test-support'
