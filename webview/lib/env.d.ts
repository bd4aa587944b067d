// Ambient declarations for the webview bundle: esbuild loads .css as text (see esbuild.mjs), and
// VS Code injects acquireVsCodeApi() into every webview.
declare module '*.css' {
  const text: string;
  export default text;
}

interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState<T>(state: T): T;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;
