// make lint: the site's own scripts (not the vendored ones) against ESLint's recommended
// rules, as browser scripts loaded with defer (no modules, no build step).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["static/vendor/**", "staticfiles/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, django: "readonly" },
    },
    rules: { eqeqeq: "error" },
  },
];
