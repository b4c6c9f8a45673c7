// `runtime run` of a program that loads react-dom/server's browser build: its
// MessageChannel port stays open with an onmessage handler, and the program still ends.
const { toStream } = await import("./ssr.js");
console.log(await toStream("browser", "run", ["a", "b"]));
