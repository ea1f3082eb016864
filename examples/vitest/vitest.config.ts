import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globals: true, // describe/it/expect as globals, so the same files run under Jest
    include: ['test/**/*.test.ts'],
  },
})
