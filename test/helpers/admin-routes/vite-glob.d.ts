// The one Vite feature the tests use: import.meta.glob (Vitest runs test files through Vite).
/// <reference types="vite/client" />
