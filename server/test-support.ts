// Kept for cli/, whose tests import this path: the test harness lives in server/testing/.
export * from './testing/test-support'
