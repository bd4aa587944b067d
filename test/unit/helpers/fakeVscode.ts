// The few parts of the `vscode` module the tree provider touches, as plain classes that record what
// is done to them, so src/tree/treeProvider.ts runs under Node. This proves what the provider asks
// of VS Code (a plain-string label; tooltips built with appendText, isTrusted/supportHtml off), not
// how VS Code renders it: that belongs to the integration suite.
import Module from 'node:module';
import { t } from '../../../src/core/l10n';

export type MarkdownOp = { op: 'text' | 'markdown'; value: string };

export class MarkdownString {
  readonly ops: MarkdownOp[] = [];
  isTrusted: boolean | { enabledCommands: string[] } | undefined;
  supportHtml: boolean | undefined;
  supportThemeIcons: boolean | undefined;
  constructor(value?: string, supportThemeIcons?: boolean) {
    if (value) this.ops.push({ op: 'markdown', value });
    this.supportThemeIcons = supportThemeIcons;
  }
  appendText(value: string): this {
    this.ops.push({ op: 'text', value });
    return this;
  }
  appendMarkdown(value: string): this {
    this.ops.push({ op: 'markdown', value });
    return this;
  }
  appendCodeblock(value: string): this {
    this.ops.push({ op: 'markdown', value: `\`\`\`\n${value}\n\`\`\`` });
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: unknown;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string };
  constructor(
    public label: unknown,
    public collapsibleState?: number,
  ) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(readonly path: string) {}
  static file(path: string): Uri {
    return new Uri(path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path.replace(/\/+$/, ''), ...parts].join('/'));
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

/** A webview panel as created by the code under test: its options and what was done to it. */
export interface FakePanel {
  viewType: string;
  title: string;
  column: unknown;
  options: Record<string, unknown>;
  iconPath?: unknown;
  revealed: number;
  posted: unknown[];
  webview: {
    cspSource: string;
    html: string;
    options?: unknown;
    asWebviewUri(uri: Uri): { toString(): string };
    postMessage(message: unknown): Promise<boolean>;
    onDidReceiveMessage(listener: (m: unknown) => void): { dispose(): void };
  };
  receive(message: unknown): void;
  dispose(): void;
  reveal(): void;
  onDidDispose(listener: () => void): { dispose(): void };
}

/** Every panel created through the fake `vscode.window.createWebviewPanel`, oldest first. */
export const createdPanels: FakePanel[] = [];

function createWebviewPanel(viewType: string, title: string, column: unknown, options: Record<string, unknown> = {}): FakePanel {
  const inbound: Array<(m: unknown) => void> = [];
  const disposed: Array<() => void> = [];
  const panel: FakePanel = {
    viewType,
    title,
    column,
    options,
    revealed: 0,
    posted: [],
    webview: {
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      html: '',
      asWebviewUri: (uri) => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${uri.path}` }),
      postMessage: async (m) => (panel.posted.push(m), true),
      onDidReceiveMessage: (l) => (inbound.push(l), { dispose: () => void inbound.splice(inbound.indexOf(l), 1) }),
    },
    receive: (m) => inbound.forEach((l) => l(m)),
    dispose: () => disposed.forEach((l) => l()),
    reveal: () => void panel.revealed++,
    onDidDispose: (l) => (disposed.push(l), { dispose: () => undefined }),
  };
  createdPanels.push(panel);
  return panel;
}

/** One setting's value at each level, as `WorkspaceConfiguration.inspect()` reports it. */
export interface FakeSettingLevels {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * `vscode.workspace` as settings.ts reads it. `get()` answers like a VS Code that applies every
 * level (the most specific wins), so a test sees whether the code under test filters levels itself.
 */
export const fakeWorkspace = {
  isTrusted: true,
  /** Full keys (`portfolioContacts.pageSize`) to their levels. */
  settings: new Map<string, FakeSettingLevels>(),
  getConfiguration(section: string) {
    const levels = (key: string) => fakeWorkspace.settings.get(`${section}.${key}`) ?? {};
    return {
      get<T>(key: string): T | undefined {
        const l = levels(key);
        return (l.workspaceFolderValue ?? l.workspaceValue ?? l.globalValue) as T | undefined;
      },
      inspect<T>(key: string) {
        return { key: `${section}.${key}`, ...levels(key) } as { key: string; globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T };
      },
    };
  },
};

export const fakeVscode = {
  MarkdownString,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  EventEmitter,
  Uri,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  window: { createWebviewPanel },
  workspace: fakeWorkspace,
  // English, with {0} placeholders filled, as VS Code does without a language pack.
  l10n: { t: (message: string, ...args: Array<string | number | boolean>) => t(message, ...args), bundle: undefined },
};

let installed = false;

/** Makes `require('vscode')` return the fake, for modules loaded after this call. */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return fakeVscode;
    return original.call(this, request, parent, isMain);
  };
}

/** Markdown the builder made from text: its own bold and line breaks aside, every ASCII punctuation mark escaped. */
export function isInertMarkdown(value: string): boolean {
  const own = value.replace(/^\*\*|\*\*$/g, '').replace(/ {2}\n/g, '');
  return !/[!-/:-@[-`{-~]/.test(own.replace(/\\[!-/:-@[-`{-~]/g, ''));
}

/** A tooltip's lines as the person reads them: text ops as they are, the builder's escaped markdown unescaped. */
export function tooltipLines(tip: MarkdownString): string[] {
  const unescape = (v: string) => (v.startsWith('**') && v.endsWith('**') && v.length >= 4 ? v.slice(2, -2) : v).replace(/\\([!-/:-@[-`{-~])/g, '$1');
  const whole = tip.ops.map((o) => (o.op === 'text' ? o.value : o.value === '  \n' ? '\n' : o.value === '**' ? '' : unescape(o.value))).join('');
  return whole.split('\n').filter(Boolean);
}
