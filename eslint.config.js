// Lint: type-aware rules where they catch real bugs (a promise nobody awaits, a misused
// promise), plus the small habits that keep files readable (one import per module).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".wrangler/", "dist/", "coverage/", "src/platforms/yunhu/proto.js", "src/platforms/yunhu/proto.d.ts"] },
  js.configs.recommended,
  {
    // The CLI's launcher: plain JavaScript run by Node.
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", AbortController: "readonly" } },
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "no-duplicate-imports": ["error", { allowSeparateTypeImports: true }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
);
