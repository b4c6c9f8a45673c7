// DOMException (WebIDL), with the legacy code constants.
(function () {
  "use strict";
  const { defineGlobal, tag } = globalThis.__runtime.webidl;
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.prototype.hasOwnProperty;

  const LEGACY_CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19,
    AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const CODE_CONSTANTS = {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7,
    NOT_FOUND_ERR: 8, NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11,
    SYNTAX_ERR: 12, INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16, TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20,
    URL_MISMATCH_ERR: 21, QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24,
    DATA_CLONE_ERR: 25,
  };
  class DOMException extends Error {
    #name;
    #message;
    constructor(message = undefined, options = undefined) {
      super();
      this.#message = message === undefined ? "" : String(message);
      let name = "Error";
      if (options !== undefined && options !== null && typeof options === "object") {
        // The newer dictionary form: new DOMException(message, { name, cause }).
        if (options.name !== undefined) name = String(options.name);
        if ("cause" in options) {
          defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
        }
      } else if (options !== undefined) {
        name = String(options);
      }
      this.#name = name;
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return hasOwn.call(LEGACY_CODES, this.#name) ? LEGACY_CODES[this.#name] : 0; }
  }
  tag(DOMException, "DOMException");
  for (const key of Object.keys(CODE_CONSTANTS)) {
    const desc = { value: CODE_CONSTANTS[key], enumerable: true };
    defineProperty(DOMException, key, desc);
    defineProperty(DOMException.prototype, key, desc);
  }
  defineGlobal("DOMException", DOMException);
})();
