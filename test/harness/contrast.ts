// WCAG contrast of every visible text in a webview document, measured in the page itself.
// `measureTexts` is serialised into the frame by Playwright: it must not use anything from outside.

export interface TextSample {
  /** Where: the closest field's name and a short element path. */
  where: string;
  text: string;
  /** What was measured: a text node, a control's value or placeholder, a pseudo-element. */
  what: 'text' | 'value' | 'placeholder' | 'pseudo';
  fg: string;
  bg: string;
  ratio: number;
}

/**
 * Walks the flat tree (shadow roots and slots included) and returns one sample per visible text:
 * text nodes, input/textarea values or placeholders, a select's shown option, ::before/::after
 * content. The text colour (with its alpha and the ancestors' opacity) is composited over the
 * effective background: the background colours up the flat tree, until an opaque one. Disabled
 * controls (and text inside them) are skipped, as WCAG 1.4.3 allows; so are hidden and
 * visually-hidden (clipped to 1 px) elements.
 */
export function measureTexts(): TextSample[] {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA | undefined => {
    const rgb = /^rgba?\(([^)]+)\)$/.exec(c.trim());
    if (rgb) {
      const p = rgb[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    }
    const srgb = /^color\(srgb ([^)]+)\)$/.exec(c.trim());
    if (srgb) {
      const p = srgb[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
      return [p[0]! * 255, p[1]! * 255, p[2]! * 255, p[3] ?? 1];
    }
    return undefined;
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = (c: RGBA) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const hex = (c: RGBA) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('') + (c[3] < 1 ? `@${c[3].toFixed(2)}` : '');
  /** The parent in the flat tree: the slot a node is assigned to, else its parent, else the shadow host. */
  const up = (n: Node): Element | null => {
    const slot = (n as Element | Text).assignedSlot;
    if (slot) return slot;
    if (n.parentElement) return n.parentElement;
    const root = n.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  };
  const chain = (el: Element): Element[] => {
    const out: Element[] = [];
    for (let e: Element | null = el; e; e = up(e)) out.push(e);
    return out;
  };
  const isDisabled = (els: Element[]) => els.some((e) => e.hasAttribute('disabled') || e.getAttribute('aria-disabled') === 'true' || (e.matches(':disabled') && e.localName !== 'fieldset'));
  const isHidden = (els: Element[]) =>
    els.some((e) => {
      if (e instanceof HTMLSlotElement) return false; // display: contents
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return true;
      if (e.hasAttribute('hidden')) return true;
      const r = e.getBoundingClientRect();
      // .visually-hidden: clipped to 1 px, there for screen readers only.
      return s.display !== 'contents' && r.width <= 1 && r.height <= 1 && (s.overflow === 'hidden' || s.clipPath !== 'none' || s.clip !== 'auto');
    });
  const fallback = parse(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255, 1];
  const background = (els: Element[]): RGBA => {
    let acc: RGBA = [0, 0, 0, 0];
    for (const e of els) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) acc = acc[3] === 0 ? bg : over(acc, bg);
      if (acc[3] >= 0.999) return acc;
    }
    return acc[3] === 0 ? ([...fallback.slice(0, 3), 1] as RGBA) : over(acc, [255, 255, 255, 1]);
  };
  const opacity = (els: Element[]) => els.reduce((o, e) => o * Number(getComputedStyle(e).opacity || 1), 1);
  const describe = (els: Element[]) => {
    const name = els.map((e) => (e as HTMLElement).dataset?.name).find(Boolean);
    const path = els
      .slice(0, 3)
      .map((e) => e.localName + (e.id ? `#${e.id}` : '') + [...e.classList].slice(0, 2).map((c) => `.${c}`).join(''))
      .reverse()
      .join(' > ');
    return name ? `[${name}] ${path}` : path;
  };
  const samples: TextSample[] = [];
  const sample = (els: Element[], text: string, what: TextSample['what'], color: string) => {
    const fg0 = parse(color);
    if (!fg0) return;
    const bg = background(els);
    const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * opacity(els)], bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
    const ratio = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
    samples.push({ where: describe(els), text: text.trim().replace(/\s+/g, ' ').slice(0, 60), what, fg: hex(fg), bg: hex(bg), ratio });
  };
  const visibleRange = (t: Text) => {
    const range = document.createRange();
    range.selectNodeContents(t);
    return [...range.getClientRects()].some((r) => r.width > 1 && r.height > 1);
  };
  const visit = (root: Node) => {
    for (let n = root.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        const t = n as Text;
        if (!t.data.trim()) continue;
        const parent = up(t);
        if (!parent || ['script', 'style', 'template', 'option', 'title'].includes(parent.localName)) continue;
        // Slotted text is measured where it is rendered (at its slot); unassigned light DOM is not rendered.
        if (parent.shadowRoot && !t.assignedSlot) continue;
        const els = chain(parent);
        if (isHidden(els) || isDisabled(els) || !visibleRange(t)) continue;
        sample(els, t.data, 'text', getComputedStyle(parent).color);
        continue;
      }
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      const el = n as Element;
      if (el.shadowRoot) visit(el.shadowRoot);
      const els = chain(el);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        if (el instanceof HTMLInputElement && ['hidden', 'checkbox', 'radio'].includes(el.type)) continue;
        if (isHidden(els) || isDisabled(els)) continue;
        if (el.value) sample(els, el.value, 'value', getComputedStyle(el).color);
        else if (el.placeholder) sample(els, el.placeholder, 'placeholder', getComputedStyle(el, '::placeholder').color);
        continue;
      }
      if (el instanceof HTMLSelectElement) {
        const shown = el.selectedOptions[0]?.text;
        if (shown && !isHidden(els) && !isDisabled(els)) sample(els, shown, 'value', getComputedStyle(el).color);
        continue;
      }
      for (const pseudo of ['::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const content = /^"(.*)"$/.exec(s.content)?.[1];
        if (content && /[\p{L}\p{N}*]/u.test(content) && s.display !== 'none' && !isHidden(els) && !isDisabled(els)) sample(els, content, 'pseudo', s.color);
      }
      visit(el);
    }
  };
  visit(document.body);
  return samples;
}
