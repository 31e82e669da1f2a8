export const id = 717;
export const ids = [717];
export const modules = {

/***/ 1717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createModalProvider: () => (/* binding */ createModalProvider)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);

/** Placeholder until the Modal provider lands: selecting it fails with one clear sentence. */
function createModalProvider(_settings, _logger) {
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('provider-unavailable', 'The modal provider is not available in this version of sandbox-agent-action.', 'Use provider: local for now, or upgrade to a release that includes modal.');
}


/***/ })

};
