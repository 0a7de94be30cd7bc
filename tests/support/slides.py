"""Measuring a slide in the browser (shared by the briefing tests): scrolling, the smallest
HTML and SVG text sizes, the slide frame's zoom and the number of charts."""

# The deck's hidden keyboard buttons carry no visible text.
HIDDEN_KEYS = ".st-key-deck_pageup,.st-key-deck_pagedown,.st-key-deck_home,.st-key-deck_end"

MEASURE_JS = """(hidden) => {
  const se = document.scrollingElement, main = document.querySelector('[data-testid="stMain"]');
  let html = 1e9, htmlText = '', svg = 1e9, svgText = '', zoom = 1;
  const frame = document.querySelector('.st-key-slide_frame');
  if (frame) zoom = parseFloat(getComputedStyle(frame).zoom) || 1;
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (el.closest('svg') || el.closest('[data-testid="stIconMaterial"]')) continue;
    if (el.closest(hidden)) continue;
    const r = el.getBoundingClientRect(); if (!r.width || !r.height) continue;
    if (el.tagName === 'INPUT' && el.value) {  // a select's shown value
      const f = parseFloat(getComputedStyle(el).fontSize);
      if (f < html) { html = f; htmlText = el.value; }
    }
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    if (cs.fontFamily.includes('Material')) continue;  // icon glyphs, not text
    const f = parseFloat(cs.fontSize);
    if (f < html) { html = f; htmlText = el.textContent.slice(0, 40); }
  }
  for (const t of document.querySelectorAll('[data-testid="stMain"] svg text')) {
    if (!t.textContent.trim() || !t.getBoundingClientRect().width) continue;
    const f = parseFloat(getComputedStyle(t).fontSize);
    if (f < svg) { svg = f; svgText = t.textContent.slice(0, 40); }
  }
  return {scroll: [se.scrollHeight, se.clientHeight, main.scrollHeight, main.clientHeight],
          html, htmlText, svg, svgText, zoom, charts: document.querySelectorAll(
            '[data-testid="stMain"] svg.marks').length};
}"""


def hover_only(spec: object, where: str = "spec") -> list[str]:
    """Where a chart spec would show something only on hover: a tooltip encoding, or a mark
    that does not say "no tooltip" (Streamlit's Vega theme shows the datum's fields on any
    mark without one). Empty when the chart needs no hover."""
    found: list[str] = []
    if isinstance(spec, dict):
        if "tooltip" in spec.get("encoding", {}):
            found.append(f"{where}: tooltip encoding")
        if "mark" in spec:
            mark = spec["mark"]
            if not isinstance(mark, dict) or mark.get("tooltip", "missing") is not None:
                found.append(f"{where}: mark {mark!r} without tooltip None")
        for k, v in spec.items():
            if k not in ("mark", "config"):  # config.mark holds defaults, not a mark
                found += hover_only(v, f"{where}.{k}")
    elif isinstance(spec, list):
        for i, v in enumerate(spec):
            found += hover_only(v, f"{where}[{i}]")
    return found


def _text_sizes(layer: dict) -> list[float]:
    """A text mark's size encoding (constant or conditional) is its font size."""
    mark = layer.get("mark")
    if (mark if isinstance(mark, str) else (mark or {}).get("type")) != "text":
        return []
    size = layer.get("encoding", {}).get("size", {})
    return [v["value"] for v in (size, size.get("condition", {})) if "value" in v]


def font_sizes(node: object) -> list[float]:
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k.endswith("ontSize") and isinstance(v, (int, float))]
        return own + _text_sizes(node) + [x for v in node.values() for x in font_sizes(v)]
    if isinstance(node, list):
        return [x for v in node for x in font_sizes(v)]
    return []


# The screens every slide must fit: 1080p (its design size) and a 720p projector.
SCREENS = ((1920, 1080), (1280, 720))


def screens(i: int) -> tuple[tuple[int, int], ...]:
    """Both screens, for one page load a slide (the second is a resize of the window, which
    re-applies the zoom media queries). Alternate slides open first at the other size, so
    each suite run also opens slides directly at both sizes."""
    return SCREENS if i % 2 == 0 else SCREENS[::-1]
