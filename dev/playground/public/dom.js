// Small DOM helpers shared by the page's modules.

/** An element with attributes (`text` sets its text) and children; false or empty attributes are left out. */
export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

/** A button that runs `onClick`. */
export function button(text, onClick, attributes = {}) {
  const node = element('button', { type: 'button', ...attributes, text });
  node.addEventListener('click', onClick);
  return node;
}

/** Copies text to the clipboard; says so on the button for a moment. */
export function copyButton(label, textOf, attributes = {}) {
  const node = button(
    label,
    async () => {
      await copyText(textOf());
      node.textContent = 'Copied';
      setTimeout(() => (node.textContent = label), 1200);
    },
    attributes,
  );
  return node;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (an insecure origin, a headless browser): the old way.
    const area = element('textarea', { class: 'offscreen' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
