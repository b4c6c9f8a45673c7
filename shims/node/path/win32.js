// node:path/win32: the Windows flavour of node:path (the same object as require("path").win32).
"use strict";

module.exports = require("node:path").win32;
