// node:path/posix: the POSIX flavour of node:path (the same object as require("path").posix).
"use strict";

module.exports = require("node:path").posix;
