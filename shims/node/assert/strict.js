// node:assert/strict: assert.strict, the assert whose equal/deepEqual are the strict ones.
"use strict";

module.exports = require("node:assert").strict;
