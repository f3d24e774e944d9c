/**
 * Colours come only from VS Code's theme variables (`--vscode-charts-*` for series), read
 * at runtime because a canvas cannot use CSS variables, and read again whenever the
 * theme changes (VS Code swaps the body class and rewrites the variables on <html>).
 */

export interface Palette {
  /** Series colours in order: blue, orange, green, purple, yellow, red. */
  series: string[];
  red: string;
  green: string;
  yellow: string;
  orange: string;
  blue: string;
  foreground: string;
  /** Grid and axis lines. */
  lines: string;
  fontFamily: string;
  fontSize: number;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function readPalette(): Palette {
  const foreground = cssVar('--vscode-charts-foreground', cssVar('--vscode-foreground', 'gray'));
  const pick = (name: string): string => cssVar(`--vscode-charts-${name}`, foreground);
  const blue = pick('blue');
  const orange = pick('orange');
  const green = pick('green');
  const purple = pick('purple');
  const yellow = pick('yellow');
  const red = pick('red');
  return {
    series: [blue, orange, green, purple, yellow, red],
    red, green, yellow, orange, blue, foreground,
    lines: cssVar('--vscode-charts-lines', foreground),
    fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(cssVar('--vscode-font-size', '13')) || 13,
  };
}

/** `color` at `alpha` opacity, for the hex and rgb() forms themes use; other forms as they are. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color)?.[1];
  if (hex && (hex.length === 3 || hex.length === 6 || hex.length === 8)) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
    const n = Number.parseInt(full, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color)?.[1];
  if (rgb) {
    const [r, g, b] = rgb.split(/[\s,/]+/);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

/** Calls `onChange` after the theme changed (coalesced to one call per frame). */
export function observeTheme(onChange: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
