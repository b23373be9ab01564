// Files for uploads, as the app builder's file picker gives them: read as a base64 data URL, with
// the file's name and type. From a picker button or dropped anywhere on the page.

/** Reads a file as a data URL; `onProgress(read, total)` while it reads. */
export function readAsDataUrl(file, onProgress) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('progress', (event) => onProgress?.(event.loaded, event.total));
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error ?? new Error(`could not read ${file.name}`)));
    reader.readAsDataURL(file);
  });
}

/** Calls `onFile(file)` for a file dropped on the page; `overlay` shows while one is dragged over it. */
export function acceptDroppedFiles(overlay, onFile) {
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth += 1;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const [file] = event.dataTransfer.files;
    if (file) onFile(file);
  });
}
