// Progressive enhancement only: every page works without it. Adds a copy button under each
// template (the <code> blocks of example wording) so it can be pasted into the report.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const labels = document.body.dataset;
  document.querySelectorAll(".reply code").forEach((block) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy secondary";
    button.textContent = labels.copy || "复制";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(block.textContent);
      } catch (err) {
        const range = document.createRange();
        range.selectNodeContents(block);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.execCommand("copy");
      }
      button.textContent = labels.copied || "已复制";
    });
    block.insertAdjacentElement("afterend", button);
  });
});
