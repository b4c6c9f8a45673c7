// util.parseEnv: the content of a .env file to an object of strings, by the rules of
// Node's own parser (src/node_dotenv.cc, the Node 22 version): KEY=value lines, an
// optional "export " before the key, "#" comments outside quotes, values in '...', "..."
// or `...` (which may span lines; "\n" is expanded inside double quotes only). The keys
// come out sorted, as Node's std::map gives them.
"use strict";

// Node trims spaces only (not tabs or newlines).
function trimSpaces(str) {
  let start = 0;
  let end = str.length;
  while (start < end && str[start] === " ") start++;
  while (end > start && str[end - 1] === " ") end--;
  return str.slice(start, end);
}

// Everything after the line that `index` is on (the whole rest when it is the last line).
function afterLine(content, index) {
  const newline = content.indexOf("\n", index);
  return newline === -1 ? "" : content.slice(newline + 1);
}

function parseContent(input) {
  const store = new Map();
  let content = trimSpaces(input.replaceAll("\r", ""));
  while (content.length > 0) {
    // Empty lines and comments (a comment on the last line is read as a line).
    if ((content[0] === "\n" || content[0] === "#") && content.includes("\n")) {
      content = afterLine(content, 0);
      continue;
    }
    const equal = content.indexOf("=");
    if (equal === -1) {
      content = afterLine(content, 0);
      continue;
    }
    let key = trimSpaces(content.slice(0, equal));
    content = trimSpaces(content.slice(equal + 1));
    if (key === "") break;
    if (key.startsWith("export ")) key = key.slice(7);
    if (content === "") {
      store.set(key, "");
      break;
    }
    const quote = content[0];
    if (quote === '"') {
      const closing = content.indexOf('"', 1);
      if (closing !== -1) {
        store.set(key, content.slice(1, closing).replaceAll("\\n", "\n"));
        content = afterLine(content, closing + 1);
        continue;
      }
    }
    if (quote === "'" || quote === '"' || quote === "`") {
      const closing = content.indexOf(quote, 1);
      if (closing !== -1) {
        store.set(key, content.slice(1, closing));
        content = afterLine(content, closing + 1);
        continue;
      }
      // No closing quote: the value is the rest of the line, quote included; on the last
      // line, there is none, and the line is read again from its next "=".
      const newline = content.indexOf("\n");
      if (newline !== -1) {
        store.set(key, content.slice(0, newline));
        content = content.slice(newline + 1);
      }
      continue;
    }
    // An unquoted value: the line up to a "#" comment, spaces trimmed.
    const newline = content.indexOf("\n");
    const line = newline === -1 ? content : content.slice(0, newline);
    const hash = line.indexOf("#");
    store.set(key, trimSpaces(hash === -1 ? line : line.slice(0, hash)));
    content = newline === -1 ? "" : content.slice(newline + 1);
  }
  const result = {};
  for (const key of [...store.keys()].sort()) result[key] = store.get(key);
  return result;
}

module.exports = { parseContent };
