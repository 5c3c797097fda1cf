// Reading-quality checks that tests/browser/test_layout.py runs in each page it opens.
// Returns {problems: [...], headerLines: n}. Everything is measured from the laid-out page:
// line boxes of text come from Range.getClientRects(), one rectangle per line fragment.
() => {
  const MIN_TEXT_PX = 12;
  const PER_KIND = 6; // enough to see a pattern without drowning the report
  const problems = [];
  const counts = {};
  const say = (kind, detail) => {
    counts[kind] = (counts[kind] || 0) + 1;
    if (counts[kind] <= PER_KIND) problems.push(`${kind}: ${detail}`);
  };
  const quote = (text) => JSON.stringify(text.replace(/\s+/g, " ").trim().slice(0, 50));
  const HIDDEN = ".visually-hidden, .skip-link";
  const isSvg = (element) => element instanceof SVGElement;
  const visibleRects = (rects) => [...rects].filter((r) => r.width > 0.5 && r.height > 0.5);
  const rangeRects = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return visibleRects(range.getClientRects());
  };
  // Rectangles on more than one line: their vertical middles lie over half a line apart.
  const onSeveralLines = (rects) => {
    if (rects.length < 2) return false;
    const middles = rects.map((r) => (r.top + r.bottom) / 2);
    const height = Math.min(...rects.map((r) => r.height));
    return Math.max(...middles) - Math.min(...middles) > height / 2;
  };
  const blockOf = (element) => {
    let block = element;
    while (block.parentElement && getComputedStyle(block).display.startsWith("inline")) {
      block = block.parentElement;
    }
    return block;
  };

  // Every visible text node, with its line fragments.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.data.trim() || !parent || parent.closest(`${HIDDEN}, script, style, title, desc`)) {
      continue;
    }
    if (getComputedStyle(parent).visibility !== "visible") continue;
    const boxes = isSvg(parent)
      ? visibleRects([parent.getBoundingClientRect()])
      : rangeRects(node, 0, node.length);
    if (boxes.length) texts.push({ node, parent, boxes });
  }

  // 1. Nothing makes the page scroll sideways.
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .filter((el) => !el.parentElement.closest("[role=region], .visually-hidden"))
      .slice(-3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`);
    say("page wider than the screen", `${root.scrollWidth}px > ${root.clientWidth}px ${culprits}`);
  }

  // 2. No text under 12 CSS px as drawn (an SVG's text is scaled with its drawing), and no
  //    chart text larger than the text around the chart.
  for (const { node, parent } of texts) {
    let size = parseFloat(getComputedStyle(parent).fontSize);
    if (isSvg(parent)) {
      const matrix = parent.getScreenCTM();
      size *= Math.hypot(matrix.a, matrix.b);
      const figure = parent.closest("figure");
      const around = figure && parseFloat(getComputedStyle(figure).fontSize);
      if (around && size > around + 0.5) {
        say("chart text larger than the text around it", `${size.toFixed(1)}px ${quote(node.data)}`);
      }
    }
    if (size < MIN_TEXT_PX - 0.05) say("text under 12px", `${size.toFixed(1)}px ${quote(node.data)}`);
  }

  // 3. In tables, charts, salary figures and the header no word or figure is split across
  //    lines. A word runs between ordinary spaces: no-break spaces (as in "160 000 USD") belong
  //    to the figure. (SVG text never wraps.)
  const UNSPLIT = "table, .range-chart, .range, .salary-figures, .language-switcher, .site-nav";
  for (const { node, parent } of texts) {
    if (isSvg(parent) || !parent.closest(UNSPLIT)) continue;
    for (const word of node.data.matchAll(/[^ \t\n\r\f]+/g)) {
      if (onSeveralLines(rangeRects(node, word.index, word.index + word[0].length))) {
        say("word split across lines", quote(word[0]));
      }
    }
  }

  // 4. No line starts with a space: a no-break space cannot be dropped at a line break as an
  //    ordinary one is, so a line starting with one starts with a visible gap.
  texts.forEach(({ node, parent }, index) => {
    if (isSvg(parent)) return;
    for (const space of node.data.matchAll(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g)) {
      const [here] = rangeRects(node, space.index, space.index + 1);
      if (!here) continue;
      let before;
      if (space.index > 0) {
        [before] = rangeRects(node, space.index - 1, space.index);
      } else if (index > 0 && blockOf(texts[index - 1].parent) === blockOf(parent)) {
        before = texts[index - 1].boxes.at(-1);
      }
      if (before && (here.top + here.bottom) / 2 > before.bottom) {
        const context = node.data.slice(Math.max(0, space.index - 12), space.index + 12);
        say("line starts with a space", quote(context));
      }
    }
  });

  // 5. A word and the note or abbreviation after it are apart, except where the language
  //    writes a bracket straight after the word (Korean: 고객 지원 관리자(CSM), from the
  //    catalogue's "a name and its abbreviation" pattern).
  const closeBracket = document.documentElement.lang === "ko";
  for (const element of document.querySelectorAll(".abbreviation, .note, .you-are-here, .period")) {
    if (element.closest(HIDDEN) || !element.getClientRects().length) continue;
    if (closeBracket && element.matches(".abbreviation") && element.textContent.startsWith("(")) {
      continue;
    }
    const range = document.createRange();
    range.setStart(blockOf(element), 0);
    range.setEndBefore(element);
    const before = range.toString();
    if (before.trim() && !/\s$/.test(before) && !/^\s/.test(element.textContent)) {
      say("no space before", `${quote(before.slice(-25))} + ${quote(element.textContent)}`);
    }
  }

  // 6. No boxes overlap: lines of text, controls, chart bars. Each rectangle is trimmed by a
  //    quarter of its height top and bottom (a font's box is taller than a tight line) and by a
  //    pixel at each side (neighbouring words touch).
  const boxes = [];
  for (const { node, boxes: rects } of texts) {
    for (const r of rects) boxes.push({ r, owner: node, what: quote(node.data) });
  }
  for (const element of document.querySelectorAll("button, input, select, textarea, img, svg rect")) {
    if (element.closest(HIDDEN)) continue;
    for (const r of visibleRects([element.getBoundingClientRect()])) {
      boxes.push({ r, owner: element, what: `<${element.tagName.toLowerCase()}>` });
    }
  }
  const trimmed = boxes
    .map((box) => {
      const inset = box.r.height / 4;
      const { top, bottom, left, right } = box.r;
      return { ...box, top: top + inset, bottom: bottom - inset, left: left + 1, right: right - 1 };
    })
    .sort((a, b) => a.top - b.top);
  const nested = (a, b) => a instanceof Element && a.contains(b);
  for (let i = 0; i < trimmed.length; i++) {
    const a = trimmed[i];
    for (let j = i + 1; j < trimmed.length && trimmed[j].top < a.bottom; j++) {
      const b = trimmed[j];
      if (a.owner === b.owner || nested(a.owner, b.owner) || nested(b.owner, a.owner)) continue;
      if (a.left < b.right && b.left < a.right) say("overlap", `${a.what} and ${b.what}`);
    }
  }

  // 7. A heading is named by its text alone: no control inside it.
  for (const heading of document.querySelectorAll("h1, h2, h3, h4")) {
    if (heading.querySelector("button, input, select, textarea")) {
      say("control inside a heading", quote(heading.textContent));
    }
  }

  // 8. A table sits in a labelled region that can be scrolled from the keyboard, and one wider
  //    than its region shows that it scrolls.
  for (const table of document.querySelectorAll("table")) {
    if (table.closest(HIDDEN)) continue;
    const caption = quote(table.caption ? table.caption.textContent : "");
    const region = table.closest("[role=region]");
    const labels = region && (region.getAttribute("aria-labelledby") || "").split(/\s+/);
    const name = region && (region.getAttribute("aria-label") ||
      labels.map((id) => document.getElementById(id)?.textContent || "").join(" ")).trim();
    if (!region || region.getAttribute("tabindex") !== "0" || !name) {
      say("table not in a labelled region reachable by keyboard", caption);
      continue;
    }
    const style = getComputedStyle(region);
    if (!["auto", "scroll"].includes(style.overflowX)) say("table region does not scroll", caption);
    if (region.scrollWidth > region.clientWidth + 1 && !style.backgroundImage.includes("gradient")) {
      say("table wider than the screen with no sign that it scrolls", caption);
    }
  }

  // 9. The header lines up with the page's column.
  const siteName = document.querySelector(".site-name");
  const title = document.querySelector("main h1");
  if (siteName && title) {
    const gap = title.getBoundingClientRect().left - siteName.getBoundingClientRect().left;
    if (Math.abs(gap) > 1) say("header and column do not line up", `${gap.toFixed(0)}px apart`);
  }

  // 10. The header's lines, and no language name split or left alone on a line.
  const lineOf = (lines, rect) => {
    const middle = (rect.top + rect.bottom) / 2;
    let line = lines.find((l) => Math.abs(l.middle - middle) < rect.height / 2);
    if (!line) lines.push((line = { middle, count: 0 }));
    line.count += 1;
    return line;
  };
  const header = document.querySelector(".site-header");
  const headerLines = [];
  for (const { parent, boxes: rects } of texts) {
    if (header && header.contains(parent)) rects.forEach((r) => lineOf(headerLines, r));
  }
  const languageLines = [];
  for (const link of document.querySelectorAll(".language-switcher a")) {
    const rects = visibleRects(link.getClientRects());
    if (onSeveralLines(rects)) say("language name split across lines", quote(link.textContent));
    if (rects.length) lineOf(languageLines, rects[0]);
  }
  if (languageLines.length > 1 && languageLines.some((line) => line.count === 1)) {
    const counts = languageLines.map((line) => line.count).join(" + ");
    say("a language alone on a line", `languages per line: ${counts}`);
  }

  return { problems, headerLines: headerLines.length };
}
