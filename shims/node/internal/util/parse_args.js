// util.parseArgs, as in Node.js 22 (lib/internal/util/parse_args): command-line arguments
// to option values and positionals, following the Open Group Utility Conventions. With no
// `args` it parses the program's own arguments (node:process's argv after the script).
"use strict";

const { nodeError, invalidArgType, invalidArgValue } = require("../errors.js");
const { validateBoolean, validateString, validateObject, validateArray } = require("../validators.js");

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

// ------------------------------------------------------------------ validation

function validateUnion(value, name, union) {
  if (!union.includes(value)) throw invalidArgType(name, `('${union.join("|")}')`, value);
}
function validateStringArray(value, name) {
  validateArray(value, name);
  value.forEach((item, i) => validateString(item, `${name}[${i}]`));
}
function validateBooleanArray(value, name) {
  validateArray(value, name);
  value.forEach((item, i) => validateBoolean(item, `${name}[${i}]`));
}

const invalidOptionValue = (message) => nodeError(TypeError, "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", message);

function unknownOption(option, allowPositionals) {
  const suggestDashDash = allowPositionals
    ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', ` +
      `as in '-- ${JSON.stringify(option)}`
    : "";
  return nodeError(TypeError, "ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${option}'${suggestDashDash}`);
}

function unexpectedPositional(value) {
  return nodeError(TypeError, "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
    `Unexpected argument '${value}'. This command does not take positional arguments`);
}

// ------------------------------------------------------------------ argument shapes

// An own property only, so Object.prototype can never configure an option.
function objectGetOwn(obj, prop) {
  if (hasOwn(obj, prop)) return obj[prop];
  return undefined;
}
function optionsGetOwn(options, longOption, prop) {
  if (hasOwn(options, longOption)) return objectGetOwn(options[longOption], prop);
  return undefined;
}

// Option arguments are taken greedily: anything after a string option is its value.
const isOptionValue = (value) => value != null;

// A value that looks like an option ("--port --verbose"): strict mode rejects it.
const isOptionLikeValue = (value) => value != null && value.length > 1 && value[0] === "-";

// "-f"
const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === "-" && arg[1] !== "-";

// "--foo"
const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith("--") && !arg.includes("=", 3);

// "--foo=bar"
const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith("--") && arg.includes("=", 3);

// "-abc" where -a is not a string option: booleans grouped behind one dash.
function isShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") !== "string";
}

// "-fFILE" where -f is a string option.
function isShortOptionAndValue(arg, options) {
  if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") === "string";
}

// The long option whose `short` is `shortOption`, else the short option itself.
function findLongOptionForShort(shortOption, options) {
  const entry = Object.entries(options).find(([, config]) => objectGetOwn(config, "short") === shortOption);
  return entry === undefined ? shortOption : entry[0];
}

// ------------------------------------------------------------------ phases

// Phase 1: arguments to tokens (option, positional, option-terminator).
function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    const nextArg = remainingArgs[0];
    if (groupCount > 0) groupCount--;
    else index++;

    if (arg === "--") {
      // Everything after a bare "--" is a positional.
      tokens.push({ kind: "option-terminator", index });
      for (const value of remainingArgs) tokens.push({ kind: "positional", index: ++index, value });
      break;
    }

    if (isLoneShortOption(arg)) {
      const longOption = findLongOptionForShort(arg[1], options);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, "type") === "string" && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: "option", name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isShortOptionGroup(arg, options)) {
      // "-abfFILE" expands to "-a", "-b", "-fFILE".
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const shortOption = arg[i];
        const longOption = findLongOptionForShort(shortOption, options);
        if (optionsGetOwn(options, longOption, "type") !== "string" || i === arg.length - 1) {
          expanded.push(`-${shortOption}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }

    if (isShortOptionAndValue(arg, options)) {
      const longOption = findLongOptionForShort(arg[1], options);
      tokens.push({
        kind: "option", name: longOption, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true,
      });
      continue;
    }

    if (isLoneLongOption(arg)) {
      const longOption = arg.slice(2);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, "type") === "string" && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: "option", name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isLongOptionAndValue(arg)) {
      const equalIndex = arg.indexOf("=");
      const longOption = arg.slice(2, equalIndex);
      tokens.push({
        kind: "option", name: longOption, rawName: `--${longOption}`, index,
        value: arg.slice(equalIndex + 1), inlineValue: true,
      });
      continue;
    }

    tokens.push({ kind: "positional", index, value: arg });
  }
  return tokens;
}

// Strict mode: an option-like value given to a string option is probably a forgotten value.
function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith("--")
      ? `'${token.rawName}=-XYZ'`
      : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw invalidOptionValue(`Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`);
  }
}

// Strict mode: the option is known (or the negation of a known boolean) and used as typed.
function checkOptionUsage(config, token) {
  let name = token.name;
  if (!hasOwn(config.options, name)) {
    if (!config.allowNegative || !name.startsWith("no-")) throw unknownOption(token.rawName, config.allowPositionals);
    name = name.slice(3);
    if (!hasOwn(config.options, name) || optionsGetOwn(config.options, name, "type") !== "boolean") {
      throw unknownOption(token.rawName, config.allowPositionals);
    }
  }
  const short = optionsGetOwn(config.options, name, "short");
  const shortAndLong = `${short ? `-${short}, ` : ""}--${name}`;
  const type = optionsGetOwn(config.options, name, "type");
  if (type === "string" && typeof token.value !== "string") {
    throw invalidOptionValue(`Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === "boolean" && token.value != null) {
    throw invalidOptionValue(`Option '${shortAndLong}' does not take an argument`);
  }
}

// Stores the value the user gave (not coerced to the option's type); `multiple` options
// collect an array.
function storeOption(token, options, values, allowNegative) {
  let longOption = token.name;
  let optionValue = token.value;
  if (longOption === "__proto__") return;
  if (allowNegative && longOption.startsWith("no-") && optionValue === undefined) {
    longOption = longOption.slice(3);
    token.name = longOption;
    optionValue = false;
  }
  const newValue = optionValue ?? true;
  if (optionsGetOwn(options, longOption, "multiple")) {
    if (values[longOption]) values[longOption].push(newValue);
    else values[longOption] = [newValue];
  } else {
    values[longOption] = newValue;
  }
}

function validateOptionConfig(longOption, optionConfig) {
  validateObject(optionConfig, `options.${longOption}`);
  const optionType = objectGetOwn(optionConfig, "type");
  validateUnion(optionType, `options.${longOption}.type`, ["string", "boolean"]);
  if (hasOwn(optionConfig, "short")) {
    const shortOption = optionConfig.short;
    validateString(shortOption, `options.${longOption}.short`);
    if (shortOption.length !== 1) {
      throw invalidArgValue(`options.${longOption}.short`, shortOption, "must be a single character");
    }
  }
  const multipleOption = objectGetOwn(optionConfig, "multiple");
  if (hasOwn(optionConfig, "multiple")) validateBoolean(multipleOption, `options.${longOption}.multiple`);
  const defaultValue = objectGetOwn(optionConfig, "default");
  if (defaultValue !== undefined) {
    const validator = optionType === "string"
      ? (multipleOption ? validateStringArray : validateString)
      : (multipleOption ? validateBooleanArray : validateBoolean);
    validator(defaultValue, `options.${longOption}.default`);
  }
}

function mainArgs() {
  return require("node:process").argv.slice(2);
}

function parseArgs(config = {}) {
  const args = objectGetOwn(config, "args") ?? mainArgs();
  const strict = objectGetOwn(config, "strict") ?? true;
  const allowPositionals = objectGetOwn(config, "allowPositionals") ?? !strict;
  const returnTokens = objectGetOwn(config, "tokens") ?? false;
  const allowNegative = objectGetOwn(config, "allowNegative") ?? false;
  const options = objectGetOwn(config, "options") ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals, allowNegative };

  validateArray(args, "args");
  validateBoolean(strict, "strict");
  validateBoolean(allowPositionals, "allowPositionals");
  validateBoolean(returnTokens, "tokens");
  validateBoolean(allowNegative, "allowNegative");
  validateObject(options, "options");
  for (const [longOption, optionConfig] of Object.entries(options)) validateOptionConfig(longOption, optionConfig);

  const tokens = argsToTokens(args, options);

  // Phase 2: tokens to values and positionals.
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === "option") {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token, options, result.values, allowNegative);
    } else if (token.kind === "positional") {
      if (!allowPositionals) throw unexpectedPositional(token.value);
      result.positionals.push(token.value);
    }
  }

  // Phase 3: defaults for the options not given.
  for (const [longOption, optionConfig] of Object.entries(options)) {
    const defaultValue = objectGetOwn(optionConfig, "default");
    if (defaultValue !== undefined && result.values[longOption] === undefined && longOption !== "__proto__") {
      result.values[longOption] = defaultValue;
    }
  }
  return result;
}

module.exports = { parseArgs };
