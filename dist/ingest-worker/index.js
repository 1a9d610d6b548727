import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 495:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

const fs = __nccwpck_require__(896);
const path = __nccwpck_require__(928);

const PREBUILD_PLATFORMS = ['linux', 'darwin', 'win32'];
const PREBUILD_ARCHS = ['x64', 'arm64'];
let DEFAULT_ADDON;

function getBinding(nativeBinding) {
	// If a path was provided, load the binding from the filesystem.
	if (typeof nativeBinding === 'string') {
		// See <https://webpack.js.org/api/module-variables/#__non_webpack_require__-webpack-specific>
		const requireFunc = typeof __WEBPACK_EXTERNAL_createRequire(import.meta.url) === 'function' ? eval("require") : __WEBPACK_EXTERNAL_createRequire(import.meta.url);
		return requireFunc(path.resolve(nativeBinding).replace(/(\.node)?$/, '.node'));
	}

	// If an object was provided, use it as the binding directly.
	if (typeof nativeBinding === 'object' && nativeBinding !== null) {
		return nativeBinding;
	}

	// If we're using the default binding and it already exists, just return it.
	if (DEFAULT_ADDON) {
		return DEFAULT_ADDON;
	}

	// Otherwise, try the default node-gyp locations, which only contain a
	// binary if one was compiled on purpose.
	let filename = path.join(__dirname, '..', 'build', 'Debug', 'better_sqlite3.node');
	if (!fs.existsSync(filename)) {
		filename = path.join(__dirname, '..', 'build', 'Release', 'better_sqlite3.node');
	}
	if (fs.existsSync(filename)) {
		return DEFAULT_ADDON = __nccwpck_require__(102)(filename);
	}

	// If nothing was compiled, try to find the binding as a prebuilt binary.
	return DEFAULT_ADDON = __WEBPACK_EXTERNAL_createRequire(import.meta.url)(getPrebuildPath() || filename);
}

function getPrebuildPath() {
	if (PREBUILD_PLATFORMS.includes(process.platform) && PREBUILD_ARCHS.includes(process.arch)) {
		const target = `${isLinuxMusl() ? 'linuxmusl' : process.platform}-${process.arch}`;
		const filename = __nccwpck_require__.ab + "../prebuilds/" + target + '.node';
		if (fs.existsSync(filename)) {
			return filename;
		}
	}
	return null;
}

function isLinuxMusl() {
	if (process.platform !== 'linux') {
		return false;
	}

	// Look at which libc loader is mapped into this process (See #1517, #1527).
	try {
		const maps = fs.readFileSync('/proc/self/maps', 'latin1');
		if (/\/ld-musl-[^/\s]*\.so/.test(maps)) return true;
		if (/\/(?:ld-linux[^/\s]*|libc)\.so\.\d/.test(maps)) return false;
	} catch {}

	// Fallback detection (less reliable, potentially slow).
	const { report } = process;
	const previousExcludeNetwork = report.excludeNetwork;
	report.excludeNetwork = true;
	try {
		return !report.getReport().header.glibcVersionRuntime;
	} finally {
		report.excludeNetwork = previousExcludeNetwork;
	}
}

exports.c = getBinding;
__webpack_unused_export__ = getPrebuildPath;

// This script is executed directly by binding.gyp to detect prebuilt binaries.
if (false) {}


/***/ }),

/***/ 909:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const fs = __nccwpck_require__(896);
const path = __nccwpck_require__(928);
const util = __nccwpck_require__(952);
const SqliteError = __nccwpck_require__(483);

module.exports = function createDatabase(getAddon, allowNativeBinding) {
	function Database(filenameGiven, options) {
		if (new.target == null) {
			return new Database(filenameGiven, options);
		}

		// Apply defaults
		let buffer;
		let fd;
		if (Buffer.isBuffer(filenameGiven)) {
			buffer = filenameGiven;
			filenameGiven = ':memory:';
		} else if (typeof filenameGiven === 'number') {
			if (!Number.isInteger(filenameGiven) || filenameGiven < 0 || filenameGiven > 0x7fffffff) {
				throw new TypeError('Expected the file descriptor to be a non-negative 32-bit integer');
			}
			fd = filenameGiven;
			filenameGiven = `fd:${fd}`;
		}
		if (filenameGiven == null) filenameGiven = '';
		if (options == null) options = {};

		// Validate arguments
		if (typeof filenameGiven !== 'string') throw new TypeError('Expected first argument to be a string');
		if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
		if ('readOnly' in options) throw new TypeError('Misspelled option "readOnly" should be "readonly"');
		if ('memory' in options) throw new TypeError('Option "memory" was removed in v7.0.0 (use ":memory:" filename instead)');

		// Interpret options
		const filename = filenameGiven.trim();
		const anonymous = filename === '' || filename === ':memory:';
		const readonly = util.getBooleanOption(options, 'readonly');
		const fileMustExist = util.getBooleanOption(options, 'fileMustExist');
		const timeout = 'timeout' in options ? options.timeout : 5000;
		const verbose = 'verbose' in options ? options.verbose : null;
		const nativeBinding = 'nativeBinding' in options ? options.nativeBinding : null;
		const journalFd = 'journalFd' in options ? options.journalFd : undefined;

		// Validate interpreted options
		if (readonly && anonymous && !buffer) throw new TypeError('In-memory/temporary databases cannot be readonly');
		if (!Number.isInteger(timeout) || timeout < 0) throw new TypeError('Expected the "timeout" option to be a positive integer');
		if (timeout > 0x7fffffff) throw new RangeError('Option "timeout" cannot be greater than 2147483647');
		if (verbose != null && typeof verbose !== 'function') throw new TypeError('Expected the "verbose" option to be a function');
		if (fd !== undefined && journalFd === undefined) throw new TypeError('The "journalFd" option is required when opening a database from a file descriptor');
		if (fd === undefined && journalFd !== undefined) throw new TypeError('The "journalFd" option can only be used when opening a database from a file descriptor');
		if (journalFd !== undefined && !(Number.isInteger(journalFd) && journalFd >= 0 && journalFd <= 0x7fffffff)) throw new TypeError('Expected the "journalFd" option to be a non-negative 32-bit integer');
		if (!allowNativeBinding && 'nativeBinding' in options) throw new TypeError('The "nativeBinding" option is only supported by the default better-sqlite3 entrypoint');
		if (allowNativeBinding && nativeBinding != null && typeof nativeBinding !== 'string' && typeof nativeBinding !== 'object') throw new TypeError('Expected the "nativeBinding" option to be a string or addon object');

		// Load the native addon
		const addon = getAddon(nativeBinding);
		if (!addon.isInitialized) {
			addon.initialize(SqliteError, arrayFactory, arrayAppender, rowFactory, recordFactory);
			addon.isInitialized = true;
		}

		// Make sure the specified directory exists
		if (fd === undefined && !anonymous && !filename.startsWith('file:') && !fs.existsSync(path.dirname(filename))) {
			throw new TypeError('Cannot open database because the directory does not exist');
		}

		Object.defineProperties(this, {
			[util.cppdb]: { value: new addon.Database(filename, filenameGiven, anonymous, readonly, fileMustExist, timeout, verbose || null, buffer || null, fd ?? null, journalFd ?? null) },
			...wrappers.getters,
		});
	}

	const wrappers = __nccwpck_require__(463);
	Database.prototype.prepare = wrappers.prepare;
	Database.prototype.transaction = __nccwpck_require__(695);
	Database.prototype.pragma = __nccwpck_require__(127);
	Database.prototype.explain = __nccwpck_require__(36);
	Database.prototype.backup = __nccwpck_require__(17);
	Database.prototype.serialize = __nccwpck_require__(161);
	Database.prototype.function = __nccwpck_require__(943);
	Database.prototype.aggregate = __nccwpck_require__(96);
	Database.prototype.table = __nccwpck_require__(355);
	Database.prototype.loadExtension = wrappers.loadExtension;
	Database.prototype.exec = wrappers.exec;
	Database.prototype.close = wrappers.close;
	Database.prototype.defaultSafeIntegers = wrappers.defaultSafeIntegers;
	Database.prototype.unsafeMode = wrappers.unsafeMode;
	Database.prototype[util.inspect] = __nccwpck_require__(595);

	return Database;
};

function arrayFactory(...values) {
	return values;
}

function arrayAppender(array, ...values) {
	const offset = array.length;
	for (let i = 0; i < values.length; ++i) {
		array[offset + i] = values[i];
	}
}

function rowFactory(...keys) {
	if (!keys.includes('__proto__')) {
		const parameters = keys.map((_, index) => `v${index}`).join(',');
		const properties = keys.map((key, index) => `${JSON.stringify(key)}:v${index}`).join(',');
		return Function(`return (${parameters}) => ({${properties}})`)();
	}
	return (...values) => {
		const row = {};
		for (let i = 0; i < keys.length; ++i) row[keys[i]] = values[i];
		return row;
	};
}

function recordFactory(value) {
	return { value, done: false };
}


/***/ }),

/***/ 918:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


module.exports = __nccwpck_require__(909)((__nccwpck_require__(495)/* .getBinding */ .c), true);
module.exports.SqliteError = __nccwpck_require__(483);


/***/ }),

/***/ 96:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { getBooleanOption, cppdb } = __nccwpck_require__(952);

module.exports = function defineAggregate(name, options) {
	// Validate arguments
	if (typeof name !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object' || options === null) throw new TypeError('Expected second argument to be an options object');
	if (!name) throw new TypeError('User-defined function name cannot be an empty string');

	// Interpret options
	const start = 'start' in options ? options.start : null;
	const step = getFunctionOption(options, 'step', true);
	const inverse = getFunctionOption(options, 'inverse', false);
	const result = getFunctionOption(options, 'result', false);
	const safeIntegers = 'safeIntegers' in options ? +getBooleanOption(options, 'safeIntegers') : 2;
	const deterministic = getBooleanOption(options, 'deterministic');
	const directOnly = getBooleanOption(options, 'directOnly');
	const varargs = getBooleanOption(options, 'varargs');
	let argCount = -1;

	// Determine argument count
	if (!varargs) {
		argCount = Math.max(getLength(step), inverse ? getLength(inverse) : 0);
		if (argCount > 0) argCount -= 1;
		if (argCount > 100) throw new RangeError('User-defined functions cannot have more than 100 arguments');
	}

	this[cppdb].aggregate(start, step, inverse, result, name, argCount, safeIntegers, deterministic, directOnly);
	return this;
};

const getFunctionOption = (options, key, required) => {
	const value = key in options ? options[key] : null;
	if (typeof value === 'function') return value;
	if (value != null) throw new TypeError(`Expected the "${key}" option to be a function`);
	if (required) throw new TypeError(`Missing required option "${key}"`);
	return null;
};

const getLength = ({ length }) => {
	if (Number.isInteger(length) && length >= 0) return length;
	throw new TypeError('Expected function.length to be a positive integer');
};


/***/ }),

/***/ 17:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const fs = __nccwpck_require__(896);
const path = __nccwpck_require__(928);
const { promisify } = __nccwpck_require__(23);
const { cppdb } = __nccwpck_require__(952);
const fsAccess = promisify(fs.access);

module.exports = async function backup(filename, options) {
	if (options == null) options = {};

	// Validate arguments
	if (typeof filename !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');

	// Interpret options
	filename = filename.trim();
	const attachedName = 'attached' in options ? options.attached : 'main';
	const handler = 'progress' in options ? options.progress : null;

	// Validate interpreted options
	if (!filename) throw new TypeError('Backup filename cannot be an empty string');
	if (filename === ':memory:') throw new TypeError('Invalid backup filename ":memory:"');
	if (typeof attachedName !== 'string') throw new TypeError('Expected the "attached" option to be a string');
	if (!attachedName) throw new TypeError('The "attached" option cannot be an empty string');
	if (handler != null && typeof handler !== 'function') throw new TypeError('Expected the "progress" option to be a function');

	// Make sure the specified directory exists
	await fsAccess(path.dirname(filename)).catch(() => {
		throw new TypeError('Cannot save backup because the directory does not exist');
	});

	const isNewFile = await fsAccess(filename).then(() => false, () => true);
	return runBackup(this[cppdb].backup(this, attachedName, filename, isNewFile), handler || null);
};

const runBackup = (backup, handler) => {
	let rate = 0;
	let useDefault = true;

	return new Promise((resolve, reject) => {
		setImmediate(function step() {
			try {
				const progress = backup.transfer(rate);
				if (!progress.remainingPages) {
					backup.close();
					resolve(progress);
					return;
				}
				if (useDefault) {
					useDefault = false;
					rate = 100;
				}
				if (handler) {
					const ret = handler(progress);
					if (ret !== undefined) {
						if (typeof ret === 'number' && ret === ret) rate = Math.max(0, Math.min(0x7fffffff, Math.round(ret)));
						else throw new TypeError('Expected progress callback to return a number or undefined');
					}
				}
				setImmediate(step);
			} catch (err) {
				backup.close();
				reject(err);
			}
		});
	});
};


/***/ }),

/***/ 36:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { cppdb } = __nccwpck_require__(952);

module.exports = function explain(source) {
	if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');

	const stmt = this[cppdb].prepare(`EXPLAIN ${source}`, this, false, true);
	return stmt.all();
};


/***/ }),

/***/ 943:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { getBooleanOption, cppdb } = __nccwpck_require__(952);

module.exports = function defineFunction(name, options, fn) {
	// Apply defaults
	if (options == null) options = {};
	if (typeof options === 'function') { fn = options; options = {}; }

	// Validate arguments
	if (typeof name !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof fn !== 'function') throw new TypeError('Expected last argument to be a function');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
	if (!name) throw new TypeError('User-defined function name cannot be an empty string');

	// Interpret options
	const safeIntegers = 'safeIntegers' in options ? +getBooleanOption(options, 'safeIntegers') : 2;
	const deterministic = getBooleanOption(options, 'deterministic');
	const directOnly = getBooleanOption(options, 'directOnly');
	const varargs = getBooleanOption(options, 'varargs');
	let argCount = -1;

	// Determine argument count
	if (!varargs) {
		argCount = fn.length;
		if (!Number.isInteger(argCount) || argCount < 0) throw new TypeError('Expected function.length to be a positive integer');
		if (argCount > 100) throw new RangeError('User-defined functions cannot have more than 100 arguments');
	}

	this[cppdb].function(fn, name, argCount, safeIntegers, deterministic, directOnly);
	return this;
};


/***/ }),

/***/ 595:
/***/ ((module) => {


const DatabaseInspection = function Database() {};

module.exports = function inspect(depth, opts) {
	return Object.assign(new DatabaseInspection(), this);
};



/***/ }),

/***/ 127:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { getBooleanOption, cppdb } = __nccwpck_require__(952);

module.exports = function pragma(source, options) {
	if (options == null) options = {};
	if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
	const simple = getBooleanOption(options, 'simple');

	const stmt = this[cppdb].prepare(`PRAGMA ${source}`, this, true, false);
	return simple ? stmt.pluck().get() : stmt.all();
};


/***/ }),

/***/ 161:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { cppdb } = __nccwpck_require__(952);

module.exports = function serialize(options) {
	if (options == null) options = {};

	// Validate arguments
	if (typeof options !== 'object') throw new TypeError('Expected first argument to be an options object');

	// Interpret and validate options
	const attachedName = 'attached' in options ? options.attached : 'main';
	if (typeof attachedName !== 'string') throw new TypeError('Expected the "attached" option to be a string');
	if (!attachedName) throw new TypeError('The "attached" option cannot be an empty string');

	return this[cppdb].serialize(attachedName);
};


/***/ }),

/***/ 355:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { cppdb } = __nccwpck_require__(952);

module.exports = function defineTable(name, factory) {
	// Validate arguments
	if (typeof name !== 'string') throw new TypeError('Expected first argument to be a string');
	if (!name) throw new TypeError('Virtual table module name cannot be an empty string');

	// Determine whether the module is eponymous-only or not
	let eponymous = false;
	if (typeof factory === 'object' && factory !== null) {
		eponymous = true;
		factory = defer(parseTableDefinition(factory, 'used', name));
	} else {
		if (typeof factory !== 'function') throw new TypeError('Expected second argument to be a function or a table definition object');
		factory = wrapFactory(factory);
	}

	this[cppdb].table(factory, name, eponymous);
	return this;
};

function wrapFactory(factory) {
	return function virtualTableFactory(moduleName, databaseName, tableName, ...args) {
		const thisObject = {
			module: moduleName,
			database: databaseName,
			table: tableName,
		};

		// Generate a new table definition by invoking the factory
		const def = apply.call(factory, thisObject, args);
		if (typeof def !== 'object' || def === null) {
			throw new TypeError(`Virtual table module "${moduleName}" did not return a table definition object`);
		}

		return parseTableDefinition(def, 'returned', moduleName);
	};
}

function parseTableDefinition(def, verb, moduleName) {
	// Validate required properties
	if (!hasOwnProperty.call(def, 'rows')) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition without a "rows" property`);
	}
	if (!hasOwnProperty.call(def, 'columns')) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition without a "columns" property`);
	}

	// Validate "rows" property
	const rows = def.rows;
	if (typeof rows !== 'function' || Object.getPrototypeOf(rows) !== GeneratorFunctionPrototype) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with an invalid "rows" property (should be a generator function)`);
	}

	// Validate "columns" property
	let columns = def.columns;
	if (!Array.isArray(columns) || !isStringArray(columns = [...columns])) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with an invalid "columns" property (should be an array of strings)`);
	}
	if (columns.length !== new Set(columns).size) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with duplicate column names`);
	}
	if (!columns.length) {
		throw new RangeError(`Virtual table module "${moduleName}" ${verb} a table definition with zero columns`);
	}

	// Validate "parameters" property
	let parameters;
	if (hasOwnProperty.call(def, 'parameters')) {
		parameters = def.parameters;
		if (!Array.isArray(parameters) || !isStringArray(parameters = [...parameters])) {
			throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with an invalid "parameters" property (should be an array of strings)`);
		}
	} else {
		parameters = inferParameters(rows);
	}
	if (parameters.length !== new Set(parameters).size) {
		throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with duplicate parameter names`);
	}
	if (parameters.length > 32) {
		throw new RangeError(`Virtual table module "${moduleName}" ${verb} a table definition with more than the maximum number of 32 parameters`);
	}
	for (const parameter of parameters) {
		if (columns.includes(parameter)) {
			throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with column "${parameter}" which was ambiguously defined as both a column and parameter`);
		}
	}

	// Validate "safeIntegers" option
	let safeIntegers = 2;
	if (hasOwnProperty.call(def, 'safeIntegers')) {
		const bool = def.safeIntegers;
		if (typeof bool !== 'boolean') {
			throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with an invalid "safeIntegers" property (should be a boolean)`);
		}
		safeIntegers = +bool;
	}

	// Validate "directOnly" option
	let directOnly = false;
	if (hasOwnProperty.call(def, 'directOnly')) {
		directOnly = def.directOnly;
		if (typeof directOnly !== 'boolean') {
			throw new TypeError(`Virtual table module "${moduleName}" ${verb} a table definition with an invalid "directOnly" property (should be a boolean)`);
		}
	}

	// Generate SQL for the virtual table definition
	const columnDefinitions = [
		...parameters.map(identifier).map(str => `${str} HIDDEN`),
		...columns.map(identifier),
	];
	return [
		`CREATE TABLE x(${columnDefinitions.join(', ')});`,
		wrapGenerator(rows, new Map(columns.map((x, i) => [x, parameters.length + i])), moduleName),
		parameters,
		safeIntegers,
		directOnly,
	];
}

function wrapGenerator(generator, columnMap, moduleName) {
	return function* virtualTable(...args) {
		/*
			We must defensively clone any buffers in the arguments, because
			otherwise the generator could mutate one of them, which would cause
			us to return incorrect values for hidden columns, potentially
			corrupting the database.
		 */
		const output = args.map(x => Buffer.isBuffer(x) ? Buffer.from(x) : x);
		for (let i = 0; i < columnMap.size; ++i) {
			output.push(null); // Fill with nulls to prevent gaps in array (v8 optimization)
		}
		for (const row of generator(...args)) {
			if (Array.isArray(row)) {
				extractRowArray(row, output, columnMap.size, moduleName);
				yield output;
			} else if (typeof row === 'object' && row !== null) {
				extractRowObject(row, output, columnMap, moduleName);
				yield output;
			} else {
				throw new TypeError(`Virtual table module "${moduleName}" yielded something that isn't a valid row object`);
			}
		}
	};
}

function extractRowArray(row, output, columnCount, moduleName) {
	if (row.length !== columnCount) {
		throw new TypeError(`Virtual table module "${moduleName}" yielded a row with an incorrect number of columns`);
	}
	const offset = output.length - columnCount;
	for (let i = 0; i < columnCount; ++i) {
		output[i + offset] = row[i];
	}
}

function extractRowObject(row, output, columnMap, moduleName) {
	let count = 0;
	for (const key of Object.keys(row)) {
		const index = columnMap.get(key);
		if (index === undefined) {
			throw new TypeError(`Virtual table module "${moduleName}" yielded a row with an undeclared column "${key}"`);
		}
		output[index] = row[key];
		count += 1;
	}
	if (count !== columnMap.size) {
		throw new TypeError(`Virtual table module "${moduleName}" yielded a row with missing columns`);
	}
}

function inferParameters({ length }) {
	if (!Number.isInteger(length) || length < 0) {
		throw new TypeError('Expected function.length to be a positive integer');
	}
	const params = [];
	for (let i = 0; i < length; ++i) {
		params.push(`$${i + 1}`);
	}
	return params;
}

const { hasOwnProperty } = Object.prototype;
const { apply } = Function.prototype;
const GeneratorFunctionPrototype = Object.getPrototypeOf(function*(){});
const identifier = str => `"${str.replace(/"/g, '""')}"`;
const defer = x => () => x;
const isStringArray = (arr) => {
	for (let i = 0; i < arr.length; ++i) {
		if (typeof arr[i] !== 'string') return false;
	}
	return true;
};


/***/ }),

/***/ 695:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const { cppdb } = __nccwpck_require__(952);
const controllers = new WeakMap();

module.exports = function transaction(fn) {
	if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');

	const db = this[cppdb];
	const controller = getController(db, this);
	const { apply } = Function.prototype;

	// Each version of the transaction function has these same properties
	const properties = {
		default: { value: wrapTransaction(apply, fn, db, controller.default) },
		deferred: { value: wrapTransaction(apply, fn, db, controller.deferred) },
		immediate: { value: wrapTransaction(apply, fn, db, controller.immediate) },
		exclusive: { value: wrapTransaction(apply, fn, db, controller.exclusive) },
		database: { value: this, enumerable: true },
	};

	Object.defineProperties(properties.default.value, properties);
	Object.defineProperties(properties.deferred.value, properties);
	Object.defineProperties(properties.immediate.value, properties);
	Object.defineProperties(properties.exclusive.value, properties);

	// Return the default version of the transaction function
	return properties.default.value;
};

// Return the database's cached transaction controller, or create a new one
const getController = (db, self) => {
	let controller = controllers.get(db);
	if (!controller) {
		const shared = {
			commit: db.prepare('COMMIT', self, false, false),
			rollback: db.prepare('ROLLBACK', self, false, false),
			savepoint: db.prepare('SAVEPOINT `\t_bs3.\t`', self, false, false),
			release: db.prepare('RELEASE `\t_bs3.\t`', self, false, false),
			rollbackTo: db.prepare('ROLLBACK TO `\t_bs3.\t`', self, false, false),
		};
		controllers.set(db, controller = {
			default: Object.assign({ begin: db.prepare('BEGIN', self, false, false) }, shared),
			deferred: Object.assign({ begin: db.prepare('BEGIN DEFERRED', self, false, false) }, shared),
			immediate: Object.assign({ begin: db.prepare('BEGIN IMMEDIATE', self, false, false) }, shared),
			exclusive: Object.assign({ begin: db.prepare('BEGIN EXCLUSIVE', self, false, false) }, shared),
		});
	}
	return controller;
};

// Return a new transaction function by wrapping the given function
const wrapTransaction = (apply, fn, db, { begin, commit, rollback, savepoint, release, rollbackTo }) => function sqliteTransaction() {
	let before, after, undo;
	if (db.inTransaction) {
		before = savepoint;
		after = release;
		undo = rollbackTo;
	} else {
		before = begin;
		after = commit;
		undo = rollback;
	}
	before.run();
	try {
		const result = apply.call(fn, this, arguments);
		if (result && typeof result.then === 'function') {
			throw new TypeError('Transaction function cannot return a promise');
		}
		after.run();
		return result;
	} catch (ex) {
		if (db.inTransaction) {
			undo.run();
			if (undo !== rollback) after.run();
		}
		throw ex;
	}
};


/***/ }),

/***/ 463:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


const { cppdb } = __nccwpck_require__(952);

exports.prepare = function prepare(sql) {
	return this[cppdb].prepare(sql, this, false, false);
};

exports.exec = function exec(sql) {
	this[cppdb].exec(sql);
	return this;
};

exports.close = function close() {
	this[cppdb].close();
	return this;
};

exports.loadExtension = function loadExtension(...args) {
	this[cppdb].loadExtension(...args);
	return this;
};

exports.defaultSafeIntegers = function defaultSafeIntegers(...args) {
	this[cppdb].defaultSafeIntegers(...args);
	return this;
};

exports.unsafeMode = function unsafeMode(...args) {
	this[cppdb].unsafeMode(...args);
	return this;
};

exports.getters = {
	name: {
		get: function name() { return this[cppdb].name; },
		enumerable: true,
	},
	open: {
		get: function open() { return this[cppdb].open; },
		enumerable: true,
	},
	inTransaction: {
		get: function inTransaction() { return this[cppdb].inTransaction; },
		enumerable: true,
	},
	readonly: {
		get: function readonly() { return this[cppdb].readonly; },
		enumerable: true,
	},
	memory: {
		get: function memory() { return this[cppdb].memory; },
		enumerable: true,
	},
};


/***/ }),

/***/ 483:
/***/ ((module) => {



class SqliteError extends Error {
	constructor(message, code) {
		if (typeof code !== 'string') {
			throw new TypeError('Expected second argument to be a string');
		}

		super('' + message);
		this.code = code;

		if (typeof Error.captureStackTrace === 'function') {
			Error.captureStackTrace(this, SqliteError);
		}
	}
}

Object.defineProperty(SqliteError.prototype, 'name', {
	value: 'SqliteError',
	writable: true,
	enumerable: false,
	configurable: true,
});

module.exports = SqliteError;


/***/ }),

/***/ 952:
/***/ ((__unused_webpack_module, exports) => {



exports.getBooleanOption = (options, key) => {
	let value = false;
	if (key in options && typeof (value = options[key]) !== 'boolean') {
		throw new TypeError(`Expected the "${key}" option to be a boolean`);
	}
	return value;
};

exports.cppdb = Symbol();
exports.inspect = Symbol.for('nodejs.util.inspect.custom');


/***/ }),

/***/ 102:
/***/ ((module) => {

function webpackEmptyContext(req) {
	var e = new Error("Cannot find module '" + req + "'");
	e.code = 'MODULE_NOT_FOUND';
	throw e;
}
webpackEmptyContext.keys = () => ([]);
webpackEmptyContext.resolve = webpackEmptyContext;
webpackEmptyContext.id = 102;
module.exports = webpackEmptyContext;

/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/esm-dirname-shim.ts
// better-sqlite3@13's binding loader reads the CommonJS `__dirname` while probing for its native
// module. In an ncc ESM bundle that free variable is undefined, so point it at dist/ before the
// first database is opened. Must be the first import of a bundle entry.


const g = globalThis;
g.__dirname ??= (0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
// EXTERNAL MODULE: ./node_modules/better-sqlite3/lib/index.js
var lib = __nccwpck_require__(918);
var lib_default = /*#__PURE__*/__nccwpck_require__.n(lib);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/util.js

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function util_assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            util_assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        util_assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function util_isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const util_allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (globalConfig.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (util_isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (util_isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function util_issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/core.js
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = rawShape(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/regexes.js

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ regexes_anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const regexes_boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/checks.js
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : floatSafeRemainder(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = getLengthableOrigin(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = escapeRegex(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...prefixIssues(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ $constructor("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    hide(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
});
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.boolean;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodBigInt = /*@__PURE__*/ $constructor("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = bigint;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ $constructor("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    util_assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = util_isObject;
    const catchall = def.catchall;
    let value;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = cached(() => normalizeDef(def));
    const memo = globalConfig.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = util_isObject;
    const jit = !globalConfig.jitless;
    const allowsEval = util_allowsEval;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
(/* unused pure expression or super */ null && (core.$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    util.defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    util.assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = util.rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = util.cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util.isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
})));
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ $constructor("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = aborted(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (aborted(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
});
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...prefixIssues(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util.isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...util.prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...util.prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && regexes.number.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...util.prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...util.prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
})));
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    util.defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? util.escapeRegex(o) : o ? util.escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
})));
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(util_issue(_iss));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/registries.js
var registries_a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(registries_a = globalThis).__zod_globalRegistry ?? (registries_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/api.js




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_null(Class, params) {
    return new Class({
        type: "null",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...normalizeParams(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...normalizeParams(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...normalizeParams(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...normalizeParams(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new $ZodCheckProperties({
        check: "properties",
        shape,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...normalizeParams(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(util_issue(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new $ZodCheck({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new $ZodCheck({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                util_assignProp(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            util_assignProp(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                util_assignProp(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(NUMBER_FORMAT_RANGES),
    bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = getEnumValues(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        util_assignProp(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            util_assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/errors.js


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = $constructor("$ZodError", initializer);
const $ZodRealError = $constructor("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode($ZodRealError);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode($ZodRealError);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync($ZodRealError);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync($ZodRealError);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode($ZodRealError);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode($ZodRealError);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync($ZodRealError);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync($ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/errors.js



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const errors_initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodError", errors_initializer)));
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", errors_initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(ZodRealError);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const parse_safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(ZodRealError);
const parse_decode = /* @__PURE__ */ _decode(ZodRealError);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!globalConfig.localeError)
        config(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!globalConfig.memoizer)
        config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(mergeDefs(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return clone(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return schemas_default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return schemas_catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return hide(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        own(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(ZodISODuration, params));
    },
});
function schemas_string(params) {
    return core._string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function schemas_cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64(params) {
    return core._base64(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function schemas_hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function schemas_hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function schemas_number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBoolean", (inst, def) => {
    core.$ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.booleanProcessor(inst, ctx, json, params);
})));
function schemas_boolean(params) {
    return core._boolean(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ $constructor("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    positive(params) {
        return this.check(_gt(BigInt(0), params));
    },
    negative(params) {
        return this.check(_lt(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(_lte(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(_gte(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
}));
function schemas_bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function schemas_undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nullProcessor(inst, ctx, json, params);
})));
function schemas_null(params) {
    return core._null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function schemas_void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ $constructor("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(_gte(value, params));
    inst.max = (value, params) => inst.check(_lte(value, params));
}, 
/*@__PURE__*/ derived({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function schemas_date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return schemas_enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(mergeDefs(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(mergeDefs(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return extend(this, incoming);
    },
    safeExtend(incoming) {
        return safeExtend(this, incoming);
    },
    merge(other) {
        return merge(this, other);
    },
    pick(mask) {
        return pick(this, mask);
    },
    omit(mask) {
        return omit(this, mask);
    },
    partial(...args) {
        return partial(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return partial(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return required(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...normalizeParams(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...util.normalizeParams(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...util.normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodDiscriminatedUnion.init(inst, def);
})));
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ $constructor("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof core.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...util.normalizeParams(params),
    });
}
const ZodRecord = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
})));
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...util.normalizeParams(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
});
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLiteral", (inst, def) => {
    core.$ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
})));
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(util_issue(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function schemas_nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function schemas_default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...normalizeParams(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function schemas_catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodPreprocess.init(inst, def);
})));
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
const ZodInstanceOf = /*@__PURE__*/ $constructor("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(_properties(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function json(params) {
    const jsonSchema = lazy(() => {
        return union([schemas_string(params), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}

;// CONCATENATED MODULE: ./src/model/tokens.ts

/**
 * Token counts normalized across agents. `input` includes cached input and cache writes;
 * `output` includes reasoning output; `total` = `input` + `output`. See docs/tokens.md.
 */
const TokenCountsSchema = object({
    input: schemas_number().int().nonnegative(),
    cached_input: schemas_number().int().nonnegative(),
    cache_write: schemas_number().int().nonnegative(),
    output: schemas_number().int().nonnegative(),
    reasoning_output: schemas_number().int().nonnegative(),
    total: schemas_number().int().nonnegative()
});
const TOKEN_FIELDS = ['input', 'cached_input', 'cache_write', 'output', 'reasoning_output', 'total'];
function zeroTokens() {
    return { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 };
}
function addTokens(a, b) {
    const out = zeroTokens();
    for (const k of TOKEN_FIELDS)
        out[k] = a[k] + b[k];
    return out;
}
function subtractTokens(a, b) {
    const out = zeroTokens();
    for (const k of TOKEN_FIELDS)
        out[k] = a[k] - b[k];
    return out;
}
function tokensEqual(a, b) {
    return TOKEN_FIELDS.every((k) => a[k] === b[k]);
}
function isZeroTokens(a) {
    return TOKEN_FIELDS.every((k) => a[k] === 0);
}
function hasNegative(a) {
    return TOKEN_FIELDS.some((k) => a[k] < 0);
}
/**
 * The largest token count one message may report. No model's context or output comes near it, so
 * a larger count is a corrupt log, and letting it into a sum would swamp every total it joins.
 */
const MAX_TOKENS_PER_MESSAGE = 1e12;
/** A count a total may take: a whole number from 0 to `MAX_TOKENS_PER_MESSAGE`. */
function isTokenCount(v) {
    return Number.isInteger(v) && v >= 0 && v <= MAX_TOKENS_PER_MESSAGE;
}
/** The first field of `counts` that is not a token count, or null when every one is. */
function badTokenField(counts, fields = TOKEN_FIELDS) {
    if (!counts)
        return null;
    for (const field of fields) {
        const value = counts[field];
        if (value === null || value === undefined)
            continue;
        if (typeof value !== 'number' || !isTokenCount(value))
            return { field, value };
    }
    return null;
}

;// CONCATENATED MODULE: ./src/store/payload.ts

/** The payload fields each typed table holds, under a column of the same name. */
const TYPED_FIELDS = {
    user_prompt: { text: 'text', by_agent: 'bool' },
    reasoning: { text: 'text', encrypted: 'bool', encrypted_bytes: 'number' },
    tool_call: { call_id: 'text', name: 'text', tool_type: 'text', arguments: 'text', command: 'text' },
    tool_result: { call_id: 'text', output: 'text', exit_code: 'number', duration_ms: 'number', status: 'text' },
    plan_update: { explanation: 'text', steps: 'json' },
    // `reason` is not among them: the writer stores "replay" for a replayed row that gave none.
    token_usage: { model: 'text', delta: 'counts', counted: 'bool' },
    turn_context: { model: 'text', cwd: 'text', approval_policy: 'text', sandbox_policy: 'text', effort: 'text' },
    rate_limit: { windows: 'json', plan_type: 'text' },
    status_snapshot: {
        form: 'text',
        model: 'text',
        input: 'number',
        cached_input: 'number',
        output: 'number',
        reasoning_output: 'number',
        total: 'number',
        blended_total: 'number'
    }
};
/** The typed table of each kind whose payload is split between it and `events.payload`. */
const TYPED_TABLES = {
    user_prompt: 'prompts',
    reasoning: 'agent_reasoning_messages',
    tool_call: 'function_calls',
    tool_result: 'function_results',
    plan_update: 'function_plan_messages',
    token_usage: 'token_messages',
    turn_context: 'turn_context_messages',
    rate_limit: 'rate_limit_messages',
    status_snapshot: 'status_snapshots'
};
const isCounts = (v) => typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === TOKEN_FIELDS.length &&
    TOKEN_FIELDS.every((k) => typeof v[k] === 'number');
// String.prototype.isWellFormed (ES2024; Node 20+), not yet in the project's TypeScript lib.
const wellFormed = (s) => s.isWellFormed();
/**
 * Whether the typed column gives `v` back exactly. A missing or null value stays in the payload
 * (the column's NULL cannot tell them apart), and so does text SQLite would not keep as it is
 * (a lone surrogate becomes U+FFFD in UTF-8).
 */
function heldExactly(type, v) {
    switch (type) {
        case 'text':
            return typeof v === 'string' && wellFormed(v);
        case 'bool':
            return typeof v === 'boolean';
        case 'number':
            return typeof v === 'number' && Number.isFinite(v);
        case 'json':
            return v !== null && v !== undefined;
        case 'counts':
            return isCounts(v);
    }
}
/** The payload as stored in `events.payload`: the fields no typed table holds. */
function storedPayload(p) {
    const fields = TYPED_FIELDS[p.kind];
    if (!fields)
        return JSON.stringify(p);
    const rest = {};
    let any = false;
    for (const [k, v] of Object.entries(p)) {
        if (k === 'kind' || v === undefined)
            continue;
        const type = fields[k];
        if (type && heldExactly(type, v))
            continue;
        rest[k] = v;
        any = true;
    }
    return any ? JSON.stringify(rest) : '';
}
/**
 * The payload a source gave, from its kind, its stored remainder and its typed table's row (with
 * that table's column names). A payload stored whole by an earlier build reads back as it was.
 */
function restorePayload(kind, stored, row) {
    const out = { kind, ...(stored === '' ? {} : JSON.parse(stored)) };
    const fields = TYPED_FIELDS[kind];
    if (!fields || !row)
        return out;
    for (const [k, type] of Object.entries(fields)) {
        // What the remainder holds is the source's own value (one the column could not keep exactly).
        if (k in out)
            continue;
        if (type === 'counts') {
            if (row.input === null || row.input === undefined)
                continue;
            out[k] = Object.fromEntries(TOKEN_FIELDS.map((f) => [f, row[f]]));
            continue;
        }
        const v = row[k];
        if (v === null || v === undefined)
            continue;
        out[k] = type === 'bool' ? v === 1 || v === true : type === 'json' ? JSON.parse(v) : v;
    }
    return out;
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/store/raw-blocks.ts


/*
 * Raw log lines are kept in zstd-compressed blocks, one file's consecutive lines per block
 * (table raw_blocks); an event addresses its line by block and item (events.raw_block,
 * events.raw_item). A block decompresses to: the item count, each item's UTF-8 byte length (all
 * unsigned 32-bit little-endian), then the items' bytes back to back. Items are addressed by
 * position, so a block rewritten with some items blanked (a deleted session, a redacted copy)
 * keeps every other event's address.
 */
/** Characters of raw lines per block before it is closed: docs/performance.md has the measurements that chose it. */
const RAW_BLOCK_CHARS = 256 * 1024;
/** zstd's fastest regular level: the higher ones cost ingest time for a few per cent of size. */
const LEVEL = 1;
/** A block never decompresses to more than this (a guard against a corrupt or hostile store). */
const MAX_BLOCK_BYTES = (/* unused pure expression or super */ null && (1024 * 1024 * 1024));
function encodeRawBlock(items) {
    // One buffer written in place: the lines are encoded to UTF-8 once, with no copy to join them.
    const lengths = items.map((s) => Buffer.byteLength(s, 'utf8'));
    const plain = Buffer.allocUnsafe(4 * (items.length + 1) + lengths.reduce((a, b) => a + b, 0));
    plain.writeUInt32LE(items.length, 0);
    let at = 4 * (items.length + 1);
    items.forEach((s, i) => {
        plain.writeUInt32LE(lengths[i], 4 * (i + 1));
        at += plain.write(s, at, 'utf8');
    });
    return (0,external_node_zlib_namespaceObject.zstdCompressSync)(plain, { params: { [external_node_zlib_namespaceObject.constants.ZSTD_c_compressionLevel]: LEVEL } });
}
/** A decompressed block: its items are decoded one at a time, on demand. */
class RawBlock {
    bytes;
    starts = [];
    constructor(bytes) {
        this.bytes = bytes;
        const n = bytes.readUInt32LE(0);
        let at = 4 * (n + 1);
        for (let i = 0; i < n; i++) {
            this.starts.push(at);
            at += bytes.readUInt32LE(4 * (i + 1));
        }
        this.starts.push(at);
        if (at !== bytes.length)
            throw new Error(`raw block: items end at byte ${at} of ${bytes.length}`);
    }
    static decode(data) {
        return new RawBlock(zstdDecompressSync(data, { maxOutputLength: MAX_BLOCK_BYTES }));
    }
    get size() {
        return this.starts.length - 1;
    }
    item(i) {
        if (!(i >= 0 && i < this.size))
            throw new Error(`raw block: no item ${i} of ${this.size}`);
        return this.bytes.toString('utf8', this.starts[i], this.starts[i + 1]);
    }
    items() {
        return Array.from({ length: this.size }, (_, i) => this.item(i));
    }
}
/**
 * Reads raw lines by address, keeping the last block it decompressed: readers go through a
 * file's events in order, so consecutive lines mostly share a block.
 */
class RawLineReader {
    db;
    lastId = -1;
    last = null;
    constructor(db) {
        this.db = db;
    }
    line(at) {
        if (at.raw_block === null || at.raw_item === null)
            return null;
        return this.block(at.raw_block).item(at.raw_item);
    }
    block(id) {
        if (id !== this.lastId || !this.last) {
            const row = prepared(this.db, 'SELECT data FROM raw_blocks WHERE id = ?').get(id);
            if (!row)
                throw new Error(`raw block ${id} is missing`);
            this.last = RawBlock.decode(row.data);
            this.lastId = id;
        }
        return this.last;
    }
}
/** The raw line of one event; null when it has none. */
function readRawLine(db, eventId) {
    const at = prepared(db, 'SELECT raw_block, raw_item FROM events WHERE id = ?').get(eventId);
    return at ? new RawLineReader(db).line(at) : null;
}
/**
 * Gathers one file's raw lines into blocks while its events are written. A block's id is chosen
 * when its first line is addressed and its row is written when it is closed, both inside the
 * writer's transaction, so a block commits (or rolls back) with exactly the events it covers.
 */
class RawBlockWriter {
    db;
    limit;
    fileId = -1;
    blockId = null;
    items = [];
    chars = 0;
    constructor(db, limit = RAW_BLOCK_CHARS) {
        this.db = db;
        this.limit = limit;
    }
    /** The address the next line of `fileId` will have if it is kept. */
    next(fileId) {
        if (fileId !== this.fileId)
            this.close();
        this.fileId = fileId;
        this.blockId ??= db_prepared(this.db, 'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM raw_blocks').get().id;
        return { block: this.blockId, item: this.items.length };
    }
    /** Keeps the line last addressed by `next`. */
    keep(line) {
        this.items.push(line);
        // Characters, not UTF-8 bytes: a limit needs no exact size, and measuring bytes costs a pass over the text.
        this.chars += line.length;
        if (this.chars >= this.limit)
            this.close();
    }
    /** Writes the open block, if it holds a line; called before the transaction commits. */
    close() {
        if (this.blockId !== null && this.items.length > 0)
            db_prepared(this.db, 'INSERT INTO raw_blocks (id, file_id, data) VALUES (?, ?, ?)').run(this.blockId, this.fileId, encodeRawBlock(this.items));
        this.discard();
    }
    /** Forgets the open block unwritten: its transaction was rolled back, or is about to start. */
    discard() {
        this.blockId = null;
        this.items = [];
        this.chars = 0;
    }
}
/**
 * After events were deleted: each given block whose lines no event addresses any more is
 * deleted, and one that still serves some events is rewritten with the others' lines blanked,
 * so a deleted session's text does not stay behind in a block it shared.
 */
function pruneRawBlocks(db, blockIds) {
    for (const id of new Set(blockIds)) {
        const block = prepared(db, 'SELECT file_id, data FROM raw_blocks WHERE id = ?').get(id);
        if (!block)
            continue;
        const live = new Set(prepared(db, 'SELECT raw_item FROM events WHERE file_id = ? AND raw_block = ?').all(block.file_id, id).map((r) => r.raw_item));
        if (live.size === 0) {
            prepared(db, 'DELETE FROM raw_blocks WHERE id = ?').run(id);
            continue;
        }
        const items = RawBlock.decode(block.data).items();
        if (items.every((s, i) => live.has(i) || s === ''))
            continue;
        prepared(db, 'UPDATE raw_blocks SET data = ? WHERE id = ?').run(encodeRawBlock(items.map((s, i) => (live.has(i) ? s : ''))), id);
    }
}
/**
 * Rewrites every block's live lines through `f` and blanks the lines no event addresses, a block
 * at a time, so memory stays flat whatever the store's size. For a copy that is published.
 */
function rewriteRawLines(db, f) {
    const page = db.prepare('SELECT id, file_id, data FROM raw_blocks WHERE id > ? ORDER BY id LIMIT 16');
    const liveOf = db.prepare('SELECT raw_item FROM events WHERE file_id = ? AND raw_block = ?');
    const update = db.prepare('UPDATE raw_blocks SET data = ? WHERE id = ?');
    const drop = db.prepare('DELETE FROM raw_blocks WHERE id = ?');
    for (let last = -1;;) {
        const rows = page.all(last);
        if (rows.length === 0)
            return;
        for (const b of rows) {
            const live = new Set(liveOf.all(b.file_id, b.id).map((r) => r.raw_item));
            if (live.size === 0) {
                drop.run(b.id);
                continue;
            }
            const items = RawBlock.decode(b.data).items();
            const out = items.map((s, i) => (live.has(i) ? f(s) : ''));
            if (out.some((s, i) => s !== items[i]))
                update.run(encodeRawBlock(out), b.id);
        }
        last = rows[rows.length - 1].id;
    }
}
/** Rows that carry a raw line's address, with the line in its place: `raw`, null when there is none. */
function withRawLines(db, rows) {
    const reader = new RawLineReader(db);
    return rows.map(({ raw_block, raw_item, ...rest }) => ({ ...rest, raw: reader.line({ raw_block, raw_item }) }));
}

;// CONCATENATED MODULE: ./src/store/generation.ts
/**
 * What each table of the store is to a report. `input`: a report reads it, or reads what is
 * derived from it; any insert, update or delete moves the generation. `ingested`: the same, but
 * the rows are inserted only by the ingest's writer (src/store/writer.ts and the raw blocks it
 * writes), a hundred thousand per 50 MB of logs, which moves the generation once per batch, in the
 * batch's transaction, instead of a trigger per row (a test holds every insert into these tables
 * to those modules); updates and deletes, from anywhere, move it by trigger. `provenance`: written by the
 * report itself (the redaction provenance rows, written only when they differ from what is
 * stored) and read by none, so only a delete moves the generation: a full run would write the
 * deleted rows back, a replay would not. `local`: a store's own bookkeeping or a cache derived
 * from the inputs (its entries are keyed by what they were made from), which no report reads as
 * a fact. A table not listed here fails the schema's test (__tests__/store/generation.test.ts).
 */
const TABLE_ROLES = {
    agent_reasoning_messages: 'ingested',
    events: 'ingested',
    files: 'input',
    files_touched: 'ingested',
    format_tallies: 'input',
    function_calls: 'ingested',
    function_plan_messages: 'ingested',
    function_results: 'ingested',
    ingest_errors: 'input',
    prompts: 'ingested',
    rate_limit_messages: 'ingested',
    raw_blocks: 'ingested',
    review_dispositions: 'input',
    review_history: 'input',
    review_notes: 'input',
    review_tags: 'input',
    session_pushes: 'input',
    session_sources: 'input',
    sessions: 'input',
    status_snapshots: 'ingested',
    token_messages: 'ingested',
    turn_context_messages: 'ingested',
    turns: 'ingested',
    redactions: 'provenance',
    // Emptied at the end of each ingest; what reconciliation changes is in `events`.
    reconcile_pending: 'local',
    // Marked and cleared by every repository-scoped ingest; the sessions scoping drops are in `sessions`.
    scope_pending: 'local',
    redaction_cache: 'local',
    redaction_cache_state: 'local',
    session_cache: 'local',
    late_check_memo: 'local',
    job_memo: 'local',
    job_memo_chunks: 'local',
    render_parts: 'local',
    render_part_runs: 'local',
    full_sessions: 'local',
    store_generation: 'local'
};
/** The statements a table's role gives it: the triggers that move the generation on its writes. */
function generationTriggers(table, role) {
    return triggeredOn(role)
        .map((op) => `CREATE TRIGGER ${generationTriggerName(table, op)} AFTER ${op} ON ${table} BEGIN UPDATE store_generation SET n = n + 1; END;`)
        .join('\n');
}
/** The writes to a table of `role` that its triggers count. */
function triggeredOn(role) {
    return role === 'input' ? ['INSERT', 'UPDATE', 'DELETE'] : role === 'ingested' ? ['UPDATE', 'DELETE'] : role === 'provenance' ? ['DELETE'] : [];
}
function generationTriggerName(table, op) {
    return `${table}_generation_${op.toLowerCase()}`;
}
/** The store's generation now; 0 in a store older than migration 19 (which has no memo either). */
function storeGeneration(db) {
    // Read once or twice a run: prepared here, so that migrations.ts (which db.ts loads) can take
    // the triggers from this module without a cycle back to db.ts.
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_generation'`).get();
    if (!table)
        return 0;
    return db.prepare('SELECT n FROM store_generation WHERE id = 1').pluck().get() ?? 0;
}
/** The SQLite library's version: another may order or compute what a report reads otherwise. */
function sqliteVersion(db) {
    return db.prepare('SELECT sqlite_version()').pluck().get();
}
/**
 * Moves the generation once per call: the ingest's writer calls it in each batch's transaction,
 * for the rows it inserted into the `ingested` tables, which have no insert trigger. A no-op in a
 * store older than migration 19.
 */
function generationMover(db) {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_generation'`).get();
    if (!table)
        return () => undefined;
    const move = db.prepare('UPDATE store_generation SET n = n + 1 WHERE id = 1');
    return () => void move.run();
}

;// CONCATENATED MODULE: ./src/store/migrations.ts



/**
 * The tables migration 19 gave generation triggers, as they stood then (src/store/generation.ts
 * classifies them): a later table gets its triggers from the migration that makes it.
 */
const ROLES_AT_19 = {
    agent_reasoning_messages: 'ingested',
    events: 'ingested',
    files: 'input',
    files_touched: 'ingested',
    format_tallies: 'input',
    function_calls: 'ingested',
    function_plan_messages: 'ingested',
    function_results: 'ingested',
    ingest_errors: 'input',
    prompts: 'ingested',
    rate_limit_messages: 'ingested',
    raw_blocks: 'ingested',
    review_dispositions: 'input',
    review_history: 'input',
    review_notes: 'input',
    review_tags: 'input',
    session_pushes: 'input',
    session_sources: 'input',
    sessions: 'input',
    status_snapshots: 'ingested',
    token_messages: 'ingested',
    turn_context_messages: 'ingested',
    turns: 'ingested',
    redactions: 'provenance'
};
/**
 * Schema migrations, applied in order inside one transaction each. `PRAGMA user_version` holds
 * the number of the last one applied. Never edit a published migration: add the next one.
 */
const migrations = [
    {
        version: 1,
        description: 'files, sessions, turns, events and the per-kind tables',
        sql: `
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  format TEXT,
  size INTEGER NOT NULL DEFAULT 0,
  mtime_ms REAL NOT NULL DEFAULT 0,
  head_hash TEXT,
  head_len INTEGER NOT NULL DEFAULT 0,
  offset INTEGER NOT NULL DEFAULT 0,
  line_no INTEGER NOT NULL DEFAULT 0,
  parser_state TEXT,
  encoding TEXT,
  ingested_at TEXT
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  agent TEXT NOT NULL,
  agent_version TEXT,
  originator TEXT,
  source TEXT,
  started_at TEXT,
  ended_at TEXT,
  cwd TEXT,
  repository_url TEXT,
  branch TEXT,
  commit_sha TEXT,
  parent_id TEXT,
  parent_relation TEXT,
  title TEXT,
  reported_cost_usd REAL,
  first_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL
);
CREATE TABLE turns (
  session_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  started_at TEXT,
  prompt_event_id INTEGER,
  PRIMARY KEY (session_id, ordinal)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  session_id TEXT NOT NULL,
  turn INTEGER NOT NULL DEFAULT 0,
  ts TEXT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  raw TEXT,
  replayed INTEGER NOT NULL DEFAULT 0,
  dedupe_key TEXT,
  UNIQUE (file_id, line, seq)
);
CREATE INDEX events_session ON events(session_id, ts);
CREATE INDEX events_kind ON events(kind);
CREATE INDEX events_dedupe ON events(dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE TABLE prompts (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  ts TEXT,
  text TEXT NOT NULL,
  by_agent INTEGER NOT NULL DEFAULT 0,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prompts_session ON prompts(session_id);
CREATE TABLE token_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  model TEXT,
  input INTEGER NOT NULL, cached_input INTEGER NOT NULL, cache_write INTEGER NOT NULL,
  output INTEGER NOT NULL, reasoning_output INTEGER NOT NULL, total INTEGER NOT NULL,
  cum_total INTEGER,
  counted INTEGER NOT NULL,
  reason TEXT,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX token_messages_session ON token_messages(session_id);
CREATE TABLE turn_context_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  model TEXT, cwd TEXT, approval_policy TEXT, sandbox_policy TEXT, effort TEXT
);
CREATE INDEX turn_context_session ON turn_context_messages(session_id);
CREATE TABLE agent_reasoning_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  text TEXT NOT NULL,
  encrypted INTEGER NOT NULL DEFAULT 0,
  encrypted_bytes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE function_plan_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  explanation TEXT,
  steps TEXT NOT NULL
);
CREATE TABLE function_calls (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  call_id TEXT,
  name TEXT NOT NULL,
  tool_type TEXT NOT NULL,
  arguments TEXT NOT NULL,
  command TEXT,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX function_calls_session ON function_calls(session_id, call_id);
CREATE TABLE function_results (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  call_id TEXT,
  output TEXT NOT NULL,
  exit_code INTEGER,
  duration_ms REAL,
  status TEXT
);
CREATE INDEX function_results_session ON function_results(session_id, call_id);
CREATE TABLE files_touched (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  path TEXT NOT NULL,
  change TEXT NOT NULL,
  PRIMARY KEY (event_id, path)
);
CREATE INDEX files_touched_session ON files_touched(session_id);
CREATE TABLE ingest_errors (
  id INTEGER PRIMARY KEY,
  file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  line INTEGER,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (path, line, reason)
);
`
    },
    {
        version: 2,
        description: 'rate limits and status snapshots get their own tables; sessions remember their models',
        sql: `
CREATE TABLE rate_limit_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  windows TEXT NOT NULL,
  plan_type TEXT
);
CREATE TABLE status_snapshots (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  form TEXT NOT NULL,
  model TEXT,
  input INTEGER, cached_input INTEGER, output INTEGER, reasoning_output INTEGER, total INTEGER,
  blended_total INTEGER
);
CREATE INDEX status_snapshots_session ON status_snapshots(session_id);
ALTER TABLE turns ADD COLUMN model TEXT;
`
    },
    {
        version: 3,
        description: 'redaction provenance: what was redacted where, by which detector or override, never the text',
        sql: `
CREATE TABLE redactions (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  event_id INTEGER,
  field TEXT NOT NULL,
  detector TEXT NOT NULL,
  actor TEXT,
  reason TEXT,
  count INTEGER NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (session_id, event_id, field, detector)
);
CREATE INDEX redactions_session ON redactions(session_id);
`
    },
    {
        version: 4,
        description: 'crash-safe reconciliation and linear dedupe look-ups: sessions awaiting reconciliation; dedupe index by key, replayed flag and file',
        sql: `
CREATE TABLE reconcile_pending (
  session_id TEXT PRIMARY KEY
);
DROP INDEX events_dedupe;
CREATE INDEX events_dedupe_holder ON events(dedupe_key, replayed, file_id) WHERE dedupe_key IS NOT NULL;
`
    },
    {
        version: 5,
        description: 'format drift: per file and batch, records read, records of unknown types, prompts and other activity',
        sql: `
CREATE TABLE format_tallies (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  from_line INTEGER NOT NULL,
  records INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  prompts INTEGER NOT NULL,
  activity INTEGER NOT NULL,
  unknown_kinds TEXT,
  PRIMARY KEY (file_id, from_line)
);
`
    },
    {
        version: 6,
        description: "session identity per project: which stored session each file's records of a log session id went to, and the cwd the file gave it",
        sql: `
CREATE TABLE session_sources (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  log_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  project TEXT,
  PRIMARY KEY (file_id, log_id)
);
CREATE INDEX session_sources_log ON session_sources(log_id);
INSERT OR IGNORE INTO session_sources (file_id, log_id, session_id, project)
  SELECT e.file_id, e.session_id, e.session_id, s.cwd FROM (SELECT DISTINCT file_id, session_id FROM events) e LEFT JOIN sessions s ON s.id = e.session_id;
`
    },
    {
        version: 7,
        description: 'each fact once: events.payload keeps only what the typed table of its kind has no column for',
        sql: '',
        run: keepPayloadRemainders
    },
    {
        version: 8,
        description: "only indexes a query uses: the kind index gives way to one over a session's links; redactions by session are the unique key's prefix",
        sql: `
DROP INDEX IF EXISTS events_kind;
DROP INDEX IF EXISTS redactions_session;
CREATE INDEX events_links ON events(session_id) WHERE kind = 'link';
`
    },
    {
        version: 9,
        description: "raw lines in compressed blocks: each file's lines in zstd blocks (raw_blocks), which an event addresses by block and item instead of a raw column",
        sql: `
CREATE TABLE raw_blocks (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX raw_blocks_file ON raw_blocks(file_id);
ALTER TABLE events ADD COLUMN raw_block INTEGER;
ALTER TABLE events ADD COLUMN raw_item INTEGER;
`,
        run: moveRawLinesToBlocks
    },
    {
        version: 10,
        description: 'review: tags, notes and dispositions on sessions and prompts (keyed by session id and prompt number, so they outlive a re-ingest), and the history of every review change',
        sql: `
CREATE TABLE review_tags (
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, prompt, label)
);
CREATE TABLE review_notes (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX review_notes_session ON review_notes(session_id, prompt);
CREATE TABLE review_dispositions (
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL,
  value TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, prompt)
);
CREATE TABLE review_history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL,
  session_id TEXT,
  prompt INTEGER,
  detail TEXT NOT NULL,
  reason TEXT
);
`
    },
    {
        version: 11,
        description: 'the team store: which repository a session belongs to, and which workflow runs pushed it (repository, pull request, commit, author)',
        sql: `
ALTER TABLE sessions ADD COLUMN repository TEXT;
CREATE TABLE session_pushes (
  session_id TEXT NOT NULL,
  repository TEXT NOT NULL,
  workflow_run TEXT NOT NULL,
  pull_request INTEGER,
  commit_sha TEXT,
  author TEXT,
  pushed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, repository, workflow_run)
);
`
    },
    {
        version: 12,
        description: 'the redaction cache: findings of texts already redacted under the same rules and code, so a warm run redacts only what changed (local only: never exported nor pushed)',
        sql: `
CREATE TABLE redaction_cache_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  run INTEGER NOT NULL
);
CREATE TABLE redaction_cache (
  key TEXT PRIMARY KEY,
  findings TEXT,
  digest BLOB NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE INDEX redaction_cache_used ON redaction_cache(used_run);
`
    },
    {
        version: 13,
        description: "each session's cost as the reports compute it (the agent's figure, else the estimate from the price table) and where it came from; filled when a session is pushed to the team store, null in a store nothing pushed from",
        sql: `
ALTER TABLE sessions ADD COLUMN cost_usd REAL;
ALTER TABLE sessions ADD COLUMN cost_source TEXT;
`
    },
    {
        version: 14,
        description: "the session cache: what the comment's report holds of each session once redacted, keyed by the session's rows, the rules and the code, so a warm run reads and redacts only the sessions that changed (local only: never exported nor pushed); a session's entry is dropped when any of its records is changed in place (reconciliation), which its key (the records' count and last id) would not show",
        sql: `
CREATE TABLE session_cache (
  session_id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  entry TEXT NOT NULL
);
CREATE TRIGGER session_cache_stale AFTER UPDATE OF session_id, file_id, turn, kind, replayed, payload ON events
BEGIN
  DELETE FROM session_cache WHERE session_id IN (OLD.session_id, NEW.session_id);
END;
`
    },
    {
        version: 15,
        description: "the last check's memo: the SHA-256 of each published text the last check found clean, under the check's rules, options and code, so a warm run does not scan it again; hashes only, never a text (local only: never exported nor pushed)",
        sql: `
CREATE TABLE late_check_memo (
  hash TEXT PRIMARY KEY,
  used_run INTEGER NOT NULL
);
`
    },
    {
        version: 16,
        description: "the index of a session's records carries each record's file, so the log files of a page of sessions (a report's format warnings) are read from the index alone",
        sql: `
DROP INDEX events_session;
CREATE INDEX events_session ON events(session_id, ts, file_id);
`
    },
    {
        version: 17,
        description: "the index of a session's tool calls holds whether each was replayed and its tool's name, so a page of sessions' call counts and tools are read from the index alone, not from rows that hold each call's arguments; no query read the call id from it",
        sql: `
DROP INDEX function_calls_session;
CREATE INDEX function_calls_session ON function_calls(session_id, replayed, name);
`
    },
    {
        version: 18,
        description: "a repository-scoped ingest not yet scoped: marked before it reads, cleared once another project's sessions are dropped, so a run killed in between is scoped by the next (local to a SQLite store, never pushed)",
        sql: `
CREATE TABLE scope_pending (
  repo TEXT PRIMARY KEY,
  after_file_id INTEGER NOT NULL
);
`
    },
    {
        version: 19,
        description: "the store's generation, moved by a trigger on every write to a table a report reads, and the job memo: per output folder, the last report's checked files under a key of every input (local only: never exported nor pushed)",
        sql: `
CREATE TABLE store_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO store_generation (id, n) VALUES (1, 0);
CREATE TABLE job_memo (
  out_dir TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  entry BLOB NOT NULL
);
${Object.entries(ROLES_AT_19)
            .map(([table, role]) => generationTriggers(table, role))
            .join('\n')}
`
    },
    {
        version: 20,
        description: "the job memo's texts in bounded chunks, each compressed on its own, so an entry of any size is kept and written again a chunk at a time; the entries of version 19, whole blobs, are dropped (local only: never exported nor pushed)",
        sql: `
DELETE FROM job_memo;
CREATE TABLE job_memo_chunks (
  out_dir TEXT NOT NULL,
  seq INTEGER NOT NULL,
  chunk BLOB NOT NULL,
  PRIMARY KEY (out_dir, seq)
);
`
    },
    {
        version: 21,
        description: "the files' rows of a session by its id: a session whose records are all gone (its file read again, or forgotten as a second path of a stored file) is dropped once no file maps a log's session id to it, which scanned session_sources for each such session",
        sql: `
CREATE INDEX session_sources_session ON session_sources(session_id);
`
    },
    {
        version: 22,
        description: "each session's rendered and last-checked part of a report file, compressed, by a hash of the session's redacted content and all the bytes depend on, with the last run that used it: a full-mode report after a small change renders only the sessions that changed (local only: never exported nor pushed)",
        sql: `
CREATE TABLE render_parts (
  hash TEXT PRIMARY KEY,
  body BLOB NOT NULL,
  text_bytes INTEGER NOT NULL,
  rendered_bytes INTEGER NOT NULL,
  detectors TEXT NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE INDEX render_parts_used ON render_parts(used_run);
`
    },
    {
        version: 23,
        description: "the full report's sessions: each session's redacted JSON as the report's spill writes it, compressed, with its redaction's records and numbered tags, keyed by the session's rows, the rules, the mode and the code, and the last run that used it, so a full-mode report after a small change selects and redacts only the sessions that changed (local only: never exported nor pushed); an entry is dropped when any of its session's records is changed in place, as migration 14's",
        sql: `
CREATE TABLE full_sessions (
  session_id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  body BLOB NOT NULL,
  text_bytes INTEGER NOT NULL,
  notes TEXT NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE TRIGGER full_sessions_stale AFTER UPDATE OF session_id, file_id, turn, kind, replayed, payload ON events
BEGIN
  DELETE FROM full_sessions WHERE session_id IN (OLD.session_id, NEW.session_id);
END;
`
    },
    {
        version: 24,
        description: "each kept render part's last run of use in a table of its own, keyed by the part's hash: renewing a part (every fourth run of a report that keeps them) writes a small row instead of rewriting the part's whole row, its body included (local only: never exported nor pushed)",
        sql: `
CREATE TABLE render_part_runs (
  hash TEXT PRIMARY KEY,
  used_run INTEGER NOT NULL
);
INSERT INTO render_part_runs (hash, used_run) SELECT hash, used_run FROM render_parts;
CREATE INDEX render_part_runs_used ON render_part_runs(used_run);
DROP INDEX render_parts_used;
ALTER TABLE render_parts DROP COLUMN used_run;
`
    }
];
/**
 * Moves each event's raw line into its file's blocks, in file and line order as an ingest would
 * have written them, a page of events at a time; then drops the raw column.
 */
function moveRawLinesToBlocks(db) {
    const page = db.prepare(`SELECT id, file_id, line, seq, raw FROM events WHERE raw IS NOT NULL AND (file_id, line, seq) > (?, ?, ?) ORDER BY file_id, line, seq LIMIT 1000`);
    const address = db.prepare('UPDATE events SET raw_block = ?, raw_item = ? WHERE id = ?');
    const blocks = new RawBlockWriter(db);
    for (let after = [-1, -1, -1];;) {
        const rows = page.all(...after);
        if (rows.length === 0)
            break;
        for (const r of rows) {
            const at = blocks.next(r.file_id);
            address.run(at.block, at.item, r.id);
            blocks.keep(r.raw);
        }
        const last = rows[rows.length - 1];
        after = [last.file_id, last.line, last.seq];
    }
    blocks.close();
    db.exec('ALTER TABLE events DROP COLUMN raw');
}
/**
 * Rewrites each payload of a kind with a typed table to its remainder (store/payload.ts), a page of
 * events at a time on the kind's rows, so memory stays flat whatever the store's size.
 */
function keepPayloadRemainders(db) {
    const update = db.prepare('UPDATE events SET payload = ? WHERE id = ?');
    for (const [kind, table] of Object.entries(TYPED_TABLES)) {
        const page = db.prepare(`SELECT e.id AS _id, e.payload AS _payload, t.* FROM events e JOIN ${table} t ON t.event_id = e.id WHERE e.kind = ? AND e.id > ? ORDER BY e.id LIMIT 1000`);
        for (let last = -1;;) {
            const rows = page.all(kind, last);
            if (rows.length === 0)
                break;
            for (const r of rows) {
                const remainder = storedPayload(restorePayload(kind, r._payload, r));
                if (remainder !== r._payload)
                    update.run(remainder, r._id);
            }
            last = rows[rows.length - 1]._id;
        }
    }
}
const SCHEMA_VERSION = migrations[migrations.length - 1].version;
/** Brings a database to `target` (default: the newest version), one transaction per migration. */
function migrate(db, target = SCHEMA_VERSION) {
    const current = db.pragma('user_version', { simple: true });
    if (current > SCHEMA_VERSION)
        throw new Error(`database schema version ${current} is newer than this ai-log-trail understands (${SCHEMA_VERSION}); upgrade ai-log-trail`);
    for (const m of migrations) {
        if (m.version <= current || m.version > target)
            continue;
        db.transaction(() => {
            // Another process may have applied this step while this one waited for the write lock;
            // the version read under the lock is the one that counts.
            if (db.pragma('user_version', { simple: true }) >= m.version)
                return;
            db.exec(m.sql);
            m.run?.(db);
            db.pragma(`user_version = ${m.version}`);
        }).immediate();
    }
    return db.pragma('user_version', { simple: true });
}

;// CONCATENATED MODULE: ./src/store/db.ts




/**
 * Opens (creating if needed) a store file in WAL mode and migrates it. Two processes may ingest
 * into the same file at once: WAL lets readers go on, and a long busy timeout makes a writer
 * wait for the other's batch instead of failing with SQLITE_BUSY.
 */
function openStore(path, opts = {}) {
    if (!opts.readonly && path !== ':memory:')
        (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.resolve)(path)), { recursive: true });
    const db = new (lib_default())(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('busy_timeout = 60000');
    if (!opts.readonly) {
        withBusyRetry(() => db.pragma('journal_mode = WAL'));
        db.pragma('synchronous = NORMAL');
        // Measured on a 200 MB corpus: a 32 MiB page cache and checkpoints every 80 MiB of WAL
        // instead of every 4 MiB take a first ingest from 8.7 s to 6.8 s (docs/performance.md).
        // `cacheKib`: another size, for a connection that reads more than it writes (the report's).
        db.pragma(`cache_size = -${opts.cacheKib ?? 32768}`);
        // Temporary tables, sorts and statement journals in files (SQLite keeps a small cache of
        // them in memory), not wholly in memory: a sort over one session of a long log (a 2 GB
        // rollout) was held whole, hundreds of MB (docs/performance.md, "One long session").
        db.pragma('temp_store = FILE');
        db.pragma('wal_autocheckpoint = 20000');
        db.pragma('foreign_keys = ON');
        migrateWithRetry(db, opts.migrateTo);
    }
    return db;
}
/**
 * Switching a new database to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY at once
 * instead of waiting on the busy timeout when another process is creating the same file. Waits
 * and retries for up to a minute.
 */
function withBusyRetry(fn) {
    const deadline = Date.now() + 60_000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let wait = 5;; wait = Math.min(wait * 2, 250)) {
        try {
            return fn();
        }
        catch (e) {
            const code = e.code ?? '';
            if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED'))
                throw e;
            if (Date.now() > deadline)
                throw e;
            Atomics.wait(pause, 0, 0, wait);
        }
    }
}
function migrateWithRetry(db, target) {
    // Two processes creating the same new database race on each migration step; `migrate` re-reads
    // the version under the write lock, so the loser skips a step the winner applied.
    withBusyRetry(() => migrate(db, target));
}
const statements = new WeakMap();
/**
 * The prepared statement for `sql` on `db`, prepared once per connection: store functions called
 * once per file or per session then cost no parse.
 */
function db_prepared(db, sql) {
    let byText = statements.get(db);
    if (!byText) {
        byText = new Map();
        statements.set(db, byText);
    }
    let s = byText.get(sql);
    if (!s) {
        s = db.prepare(sql);
        byText.set(sql, s);
    }
    return s;
}
/** Folds the WAL back into the database so a reader (or a copy of the file) sees one file. */
function checkpointWal(db) {
    db.pragma('wal_checkpoint(PASSIVE)');
}
/** The schema version the store is at: a second connection to the same file is opened at no other. */
function db_schemaVersion(db) {
    return db.pragma('user_version', { simple: true });
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/store/files.ts

function readFileRow(db, path) {
    return db_prepared(db, 'SELECT * FROM files WHERE path = ?').get(path);
}
/**
 * How far a file was read, without the rest of its row: a check of every file would otherwise
 * read each one's parser state into the caller's heap.
 */
function files_readFileExtent(db, path) {
    return prepared(db, 'SELECT size, offset, mtime_ms FROM files WHERE path = ?').get(path);
}
/** The id of the file at `path`, recorded now if it was not yet. */
function fileIdFor(db, path) {
    db_prepared(db, `INSERT OR IGNORE INTO files (path) VALUES (?)`).run(path);
    return db_prepared(db, 'SELECT id FROM files WHERE path = ?').get(path).id;
}
/** Forgets what was stored from a file rewritten in place (or a database changed in place), so it is read again from its start. */
function forgetFileContents(db, fileId) {
    db.transaction(() => {
        // The turns table does not follow its events away: turns left behind would number the new read's prompts after themselves.
        db_prepared(db, 'DELETE FROM turns WHERE prompt_event_id IN (SELECT id FROM events WHERE file_id = ?)').run(fileId);
        db_prepared(db, 'DELETE FROM events WHERE file_id = ?').run(fileId);
        db_prepared(db, 'DELETE FROM raw_blocks WHERE file_id = ?').run(fileId);
        db_prepared(db, 'DELETE FROM ingest_errors WHERE file_id = ?').run(fileId);
        db_prepared(db, 'DELETE FROM format_tallies WHERE file_id = ?').run(fileId);
        // Which session its records joined is decided again from what it now says.
        db_prepared(db, 'DELETE FROM session_sources WHERE file_id = ?').run(fileId);
        db_prepared(db, 'UPDATE files SET offset = 0, line_no = 0, parser_state = NULL WHERE id = ?').run(fileId);
    }).immediate();
}
function saveFileProgress(db, fileId, p) {
    db_prepared(db, `UPDATE files SET format = ?, size = ?, mtime_ms = ?, head_hash = ?, head_len = ?, offset = ?, line_no = ?, parser_state = ?, encoding = ?, ingested_at = ? WHERE id = ?`).run(p.format, p.size, p.mtimeMs, p.headHash, p.headLen, p.offset, p.lineNo, p.parserState, p.encoding, p.ingestedAt, fileId);
}
/** Every log file's path the store has read, in order. */
function storedFilePaths(db) {
    return db.prepare('SELECT path FROM files ORDER BY path').pluck().all();
}
/** The stored paths in order, one at a time: a store of many files is never held whole. */
function eachStoredFilePath(db) {
    return db.prepare('SELECT path FROM files ORDER BY path').pluck().iterate();
}
/** The paths of the files of the given ids, in their order (an id no row has is left out). */
function filePathsOf(db, ids) {
    const byId = new Map();
    for (const r of db_prepared(db, 'SELECT id, path FROM files WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)))
        byId.set(r.id, r.path);
    const out = [];
    for (const id of ids) {
        const path = byId.get(id);
        if (path !== undefined)
            out.push(path);
    }
    return out;
}
/** Whether the store holds any file's row (a first ingest holds none). */
function anyStoredFile(db) {
    return db_prepared(db, 'SELECT 1 FROM files LIMIT 1').get() !== undefined;
}
/** The id of the stored file at `path`, if any. */
function storedFileId(db, path) {
    return db_prepared(db, 'SELECT id FROM files WHERE path = ?').get(path)?.id;
}

;// CONCATENATED MODULE: ./src/store/reconcile-pending.ts

/*
 * Sessions whose records were stored but not yet reconciled (see reconcile.ts). Marked in the
 * transaction that stores their records, cleared once reconciled, so an interrupted ingest leaves
 * the list for the next one.
 */
function markReconcilePending(db, sessionId) {
    db_prepared(db, 'INSERT OR IGNORE INTO reconcile_pending (session_id) VALUES (?)').run(sessionId);
}
function reconcilePendingSessions(db) {
    return prepared(db, 'SELECT session_id FROM reconcile_pending').pluck().all();
}
function clearReconcilePending(db, sessionIds) {
    const done = db_prepared(db, 'DELETE FROM reconcile_pending WHERE session_id = ?');
    db.transaction(() => {
        for (const sid of sessionIds)
            done.run(sid);
    }).immediate();
}
/**
 * The sessions an ingest wrote to, in the order it first did, kept in a temporary table of its
 * connection rather than in its heap: a first ingest of many small files touches a session a file,
 * and the ingest worker's first attempt has a capped heap (docs/performance.md, "a first ingest of
 * many small files"). The table is the connection's own (temp_store is a file), emptied when an
 * ingest starts; its rows follow the write transactions they were added in.
 */
class TouchedSessions {
    db;
    constructor(db) {
        this.db = db;
        db.exec('CREATE TEMP TABLE IF NOT EXISTS ingest_touched (n INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE)');
        db_prepared(db, 'DELETE FROM temp.ingest_touched').run();
    }
    add(sessionId) {
        db_prepared(this.db, 'INSERT OR IGNORE INTO temp.ingest_touched (session_id) VALUES (?)').run(sessionId);
    }
    has(sessionId) {
        return db_prepared(this.db, 'SELECT 1 FROM temp.ingest_touched WHERE session_id = ?').get(sessionId) !== undefined;
    }
    get size() {
        return db_prepared(this.db, 'SELECT COUNT(*) FROM temp.ingest_touched').pluck().get();
    }
    /** The sessions first written to after the `after`-th, in that order, and how many there are in all. */
    since(after) {
        const ids = db_prepared(this.db, 'SELECT session_id FROM temp.ingest_touched WHERE n > ? ORDER BY n').pluck().all(after);
        return { ids, count: after + ids.length };
    }
    /** Up to `limit` sessions first written to after the `after`-th, in that order, with the position of the last. */
    page(after, limit) {
        const rows = db_prepared(this.db, 'SELECT n, session_id FROM temp.ingest_touched WHERE n > ? ORDER BY n LIMIT ?').raw().all(after, limit);
        return { ids: rows.map((r) => r[1]), last: rows.length > 0 ? rows[rows.length - 1][0] : after };
    }
    /**
     * Up to `limit` sessions awaiting reconciliation that this ingest did not write to (an
     * interrupted ingest's, or those of a file read again), after `after` in id order.
     */
    pendingElsewhere(after, limit) {
        return db_prepared(this.db, 'SELECT session_id FROM reconcile_pending WHERE session_id > ? AND session_id NOT IN (SELECT session_id FROM temp.ingest_touched) ORDER BY session_id LIMIT ?')
            .pluck()
            .all(after, limit);
    }
    /** Every session written to, in the order first written to. */
    all() {
        return db_prepared(this.db, 'SELECT session_id FROM temp.ingest_touched ORDER BY n').pluck().all();
    }
}

;// CONCATENATED MODULE: ./src/store/session-reread.ts



/*
 * A file read again from its start (rewritten in place) takes back what it said before, and the
 * sessions it held must then say what their files say now, as a fresh read would: the session row
 * merges each file's facts by keeping the earliest start, the latest end and the first value seen,
 * so without this a log rewritten shorter would leave its old, later end behind.
 */
/** The facts a session's row takes from its files' session records (its id and agent stay). */
const PATCH_FIELDS = [
    'agent_version',
    'originator',
    'source',
    'cwd',
    'repository_url',
    'branch',
    'commit_sha',
    'parent_id',
    'parent_relation',
    'title',
    'reported_cost_usd'
];
/**
 * Forgets what `fileId` said, then sets each session it held back to what its other files hold:
 * its start and end from their records' times, and, when no other file holds it, its other facts
 * emptied, for the read that follows to give them again. One transaction, which also marks the
 * sessions for the end of the ingest (`dropSessionsNoFileHolds`), so a crash at any point leaves
 * either the old state or one the next ingest completes.
 *
 * A fact another file gave only in its session record (an end time later than its records', say)
 * is not kept: the session rows store the merge, not each file's part.
 */
function forgetFileAndItsSessionFacts(db, fileId) {
    db.transaction(() => {
        const sessions = db_prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? UNION SELECT DISTINCT session_id FROM events WHERE file_id = ?`)
            .pluck()
            .all(fileId, fileId);
        forgetFileContents(db, fileId);
        const times = db_prepared(db, `UPDATE sessions SET started_at = (SELECT MIN(ts) FROM events WHERE session_id = @id AND ts IS NOT NULL),
        ended_at = (SELECT MAX(ts) FROM events WHERE session_id = @id AND ts IS NOT NULL) WHERE id = @id`);
        // Records first, through their session index; a file giving the session no record is rare.
        const heldElsewhere = db_prepared(db, `SELECT EXISTS (SELECT 1 FROM events WHERE session_id = @id) OR EXISTS (SELECT 1 FROM session_sources WHERE session_id = @id)`).pluck();
        const empty = db_prepared(db, `UPDATE sessions SET ${PATCH_FIELDS.map((f) => `${f} = NULL`).join(', ')} WHERE id = ?`);
        for (const id of sessions) {
            times.run({ id });
            if (heldElsewhere.get({ id }) === 0)
                empty.run(id);
            markReconcilePending(db, id);
        }
    }).immediate();
}
/**
 * Of `sessionIds`, deletes each that no file holds any more (no record, no file mapping a log's
 * session id to it: its only log was rewritten under another id), with its turns and redactions.
 * Review tags, notes and dispositions stay: they key on the session id, and a later ingest may
 * bring the session back. Returns the sessions deleted.
 */
function dropSessionsNoFileHolds(db, sessionIds) {
    const unheld = db_prepared(db, `SELECT 1 FROM sessions s WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = s.id) AND NOT EXISTS (SELECT 1 FROM session_sources WHERE session_id = s.id)`).pluck();
    const dropped = [];
    db.transaction(() => {
        for (const id of new Set(sessionIds)) {
            if (unheld.get(id) === undefined)
                continue;
            db_prepared(db, `DELETE FROM turns WHERE session_id = ?`).run(id);
            db_prepared(db, `DELETE FROM redactions WHERE session_id = ?`).run(id);
            db_prepared(db, `DELETE FROM sessions WHERE id = ?`).run(id);
            dropped.push(id);
        }
    }).immediate();
    return dropped;
}

;// CONCATENATED MODULE: ./src/store/format-tallies.ts

/**
 * Records one batch's tally, in the batch's transaction. Keyed by the batch's first line, so a
 * file read again from its start (a compressed file after an interruption) replaces its rows
 * instead of counting them twice.
 */
function saveFormatTally(db, fileId, t) {
    if (t.records === 0 && t.unknown === 0)
        return;
    db_prepared(db, `INSERT OR REPLACE INTO format_tallies (file_id, from_line, records, unknown, prompts, activity, unknown_kinds) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(fileId, t.fromLine, t.records, t.unknown, t.prompts, t.activity, t.unknown > 0 ? JSON.stringify(t.kinds) : null);
}
/** The paths of every file with a tally, unordered. */
function talliedFilePaths(db) {
    return prepared(db, `SELECT path FROM files WHERE id IN (SELECT file_id FROM format_tallies)`).pluck().all();
}
/** Paths read per query. */
const PATHS_PER_QUERY = 1_000;
/** The tallies of the files at `paths`, in that order (files read before tallies were kept have none). */
function fileFormatTallies(db, paths) {
    const rows = db_prepared(db, `SELECT f.id AS file_id, f.path, f.format, t.records, t.unknown, t.prompts, t.activity, t.unknown_kinds
     FROM files f JOIN format_tallies t ON t.file_id = f.id
     WHERE f.path IN (SELECT value FROM json_each(?)) ORDER BY f.id, t.from_line`);
    // sessions has no index on first_file_id: one grouped pass for all the files, not a scan of every
    // session per file (quadratic in a first ingest of many files). Only these files' versions are
    // kept: a map of every file's was rebuilt on each call, and held a first ingest's every session
    // at its end (docs/performance.md, "the end of a first ingest of many small files").
    let versions;
    const versionOf = (fileId) => {
        versions ??= new Map(db_prepared(db, `SELECT first_file_id AS id, MAX(agent_version) AS v FROM sessions
           WHERE first_file_id IN (SELECT id FROM files WHERE path IN (SELECT value FROM json_each(?))) GROUP BY first_file_id`).all(JSON.stringify(paths)).map((r) => [r.id, r.v]));
        return versions.get(fileId) ?? null;
    };
    const out = [];
    for (let from = 0; from < paths.length; from += PATHS_PER_QUERY) {
        const page = paths.slice(from, from + PATHS_PER_QUERY);
        // Each file's batches in line order, by path (a path is one file).
        const byPath = new Map();
        for (const r of rows.all(JSON.stringify(page))) {
            const list = byPath.get(r.path);
            if (list)
                list.push(r);
            else
                byPath.set(r.path, [r]);
        }
        for (const path of page) {
            const batches = byPath.get(path);
            if (!batches)
                continue;
            const sum = {
                path,
                format: batches[0].format,
                records: 0,
                unknown: 0,
                prompts: 0,
                activity: 0,
                kinds: {},
                agent_version: versionOf(batches[0].file_id)
            };
            for (const b of batches) {
                sum.records += b.records;
                sum.unknown += b.unknown;
                sum.prompts += b.prompts;
                sum.activity += b.activity;
                const kinds = b.unknown_kinds ? JSON.parse(b.unknown_kinds) : {};
                for (const [k, n] of Object.entries(kinds))
                    sum.kinds[k] = (sum.kinds[k] ?? 0) + n;
            }
            out.push(sum);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/store/reconcile.ts
/** `replayed` value for a record that another log format of the same session also holds. */
const SUPERSEDED = 2;
const TABLES = ['prompts', 'token_messages', 'function_calls'];
/**
 * One session can reach the store through two formats at once: Claude Code's transcript and the
 * stream-json or execution file of the same run, say. Their records carry different keys, so
 * they would be counted twice. When a session has counted usage from more than one format, the
 * format with the largest total is kept and the others' records are marked superseded
 * (`replayed = 2`), which every total already excludes. Recomputed on each ingest, so a file that
 * grows can change which format wins.
 */
function reconcileFormats(db, sessionIds) {
    const byFormat = db.prepare(`SELECT f.format AS format, SUM(t.total) AS total FROM token_messages t JOIN events e ON e.id = t.event_id JOIN files f ON f.id = e.file_id
    WHERE t.session_id = ? AND t.counted = 1 AND t.replayed IN (0, ${SUPERSEDED}) GROUP BY f.format ORDER BY total DESC, f.format`);
    const reset = [
        db.prepare(`UPDATE events SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`),
        ...TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`))
    ];
    // The session's rows are found through its index and their files by key: a list of the files of
    // a format (`file_id IN (SELECT id FROM files WHERE format = ?)`) scanned every file of the store
    // for each session read through two formats.
    const markEvents = db.prepare(`UPDATE events SET replayed = ${SUPERSEDED} WHERE replayed = 0 AND id IN (SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ? AND f.format = ?)`);
    const markTables = TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = ${SUPERSEDED} WHERE session_id = ? AND replayed = 0 AND event_id IN (SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ? AND f.format = ?)`));
    let superseded = 0;
    db.transaction(() => {
        for (const sid of sessionIds) {
            for (const r of reset)
                r.run(sid);
            const formats = byFormat.all(sid);
            if (formats.length < 2)
                continue;
            for (const { format } of formats.slice(1)) {
                for (const m of markTables)
                    m.run(sid, sid, format);
                superseded += markEvents.run(sid, format).changes;
            }
        }
    }).immediate();
    return superseded;
}
/**
 * Records that several sessions hold under the same key (Claude Code's `uuid`: a resumed or forked
 * session copies earlier lines byte for byte, only `sessionId` rewritten, with no pointer back)
 * belong to one of them: the holder whose keyed records end earliest, i.e. the session that
 * existed first. A resume's copies are a prefix of its file, so this is exact for resumes and for
 * chains of them; for a fork that diverged, it picks the branch that stopped first. The rule does
 * not depend on the order files were read in, and totals are right either way.
 *
 * Only keys the given sessions hold are looked at, and each through the dedupe index: the keys go
 * into a temporary table, a grouped pass over the dedupe index alone keeps those held more than
 * once, a second pass over their rows keeps those with more than one holder, and their rows are
 * read by key (CROSS JOIN keeps the keys outermost: the planner, knowing nothing of a temporary
 * table, would otherwise walk the whole dedupe index). The work is linear in the rows of those
 * sessions and of the sessions sharing keys with them, however many times a key repeats.
 */
function reconcileCopies(db, sessionIds) {
    if (sessionIds.length === 0)
        return 0;
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS reconcile_keys (k TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS reconcile_shared (k TEXT PRIMARY KEY) WITHOUT ROWID;`);
    const keysOf = db.prepare(`INSERT OR IGNORE INTO temp.reconcile_keys (k) SELECT dedupe_key FROM events WHERE session_id = ? AND dedupe_key IS NOT NULL`);
    // Most keys have one row: the keys held more than once are found in the dedupe index alone (no
    // table row read), and only theirs are read to drop those held by one session.
    const repeated = db.prepare(`INSERT INTO temp.reconcile_shared (k) SELECT c.k FROM temp.reconcile_keys c CROSS JOIN events h ON h.dedupe_key = c.k
    GROUP BY c.k HAVING COUNT(*) > 1`);
    const oneHolder = db.prepare(`DELETE FROM temp.reconcile_shared WHERE k IN (SELECT c.k FROM temp.reconcile_shared c CROSS JOIN events h ON h.dedupe_key = c.k
    GROUP BY c.k HAVING COUNT(DISTINCT h.session_id) = 1)`);
    const holders = db.prepare(`SELECT h.id AS id, h.dedupe_key AS k, h.session_id AS sid, h.replayed AS r FROM temp.reconcile_shared c CROSS JOIN events h ON h.dedupe_key = c.k ORDER BY c.k`);
    const end = db.prepare(`SELECT MAX(ts) AS e FROM events WHERE session_id = ? AND dedupe_key IS NOT NULL`);
    const clear = db.prepare(`DELETE FROM temp.reconcile_keys`);
    const clearShared = db.prepare(`DELETE FROM temp.reconcile_shared`);
    const setEvent = db.prepare(`UPDATE events SET replayed = ? WHERE id = ?`);
    const setTables = TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = ? WHERE event_id = ?`));
    let changed = 0;
    db.transaction(() => {
        clear.run();
        clearShared.run();
        for (const sid of new Set(sessionIds))
            keysOf.run(sid);
        repeated.run();
        oneHolder.run();
        const ends = new Map();
        const endOf = (sid) => {
            let e = ends.get(sid);
            if (e === undefined) {
                e = (end.get(sid).e ?? '') + '\u0000' + sid;
                ends.set(sid, e);
            }
            return e;
        };
        // Rows come grouped by key, so one key's holders are in hand at a time.
        let list = [];
        const settle = () => {
            if (list.length === 0)
                return;
            const owner = list.reduce((a, b) => (endOf(b.sid) < endOf(a.sid) ? b : a)).sid;
            for (const e of list) {
                if (e.r === SUPERSEDED)
                    continue;
                const want = e.sid === owner ? 0 : 1;
                if (e.r === want)
                    continue;
                setEvent.run(want, e.id);
                for (const s of setTables)
                    s.run(want, e.id);
                changed++;
            }
            list = [];
        };
        for (const row of holders.all()) {
            if (list.length > 0 && list[0].k !== row.k)
                settle();
            list.push(row);
        }
        settle();
        clear.run();
        clearShared.run();
    }).immediate();
    return changed;
}

;// CONCATENATED MODULE: ./src/store/key-filter.ts
/**
 * A Bloom filter over dedupe keys: `mayHold` is false only for a key never added. The writer asks
 * it before looking a key up in the store, so a key it has never written (nearly every key of a
 * first ingest) costs no index seek; a false positive only costs the seeks it would have made.
 *
 * The filter grows by layers, each twice the capacity of the one before, so its size follows the
 * keys added without knowing their number in advance; each layer is kept near one false positive in
 * a hundred (ten bits and seven probes per key).
 */
class KeyFilter {
    layers = [];
    room = 0;
    add(key) {
        if (this.room === 0) {
            const capacity = FIRST_CAPACITY << Math.min(this.layers.length, MAX_DOUBLINGS);
            this.layers.push(new Layer(capacity));
            this.room = capacity;
        }
        const h1 = key_filter_hash(key, SEED_1);
        const h2 = key_filter_hash(key, SEED_2) | 1;
        this.layers[this.layers.length - 1].add(h1, h2);
        this.room--;
    }
    mayHold(key) {
        if (this.layers.length === 0)
            return false;
        const h1 = key_filter_hash(key, SEED_1);
        const h2 = key_filter_hash(key, SEED_2) | 1;
        for (const layer of this.layers)
            if (layer.has(h1, h2))
                return true;
        return false;
    }
}
const FIRST_CAPACITY = 1 << 16;
/** Layers stop doubling past this many keys each (a quarter of a gigabit would be needless). */
const MAX_DOUBLINGS = 6;
const BITS_PER_KEY = 10;
const PROBES = 7;
const SEED_1 = 0x811c9dc5;
const SEED_2 = 0x9747b28c;
class Layer {
    bits;
    mask;
    constructor(capacity) {
        // A power of two of bits, so a probe's position is a mask, not a division.
        let size = 1 << 5;
        while (size < capacity * BITS_PER_KEY)
            size *= 2;
        this.bits = new Uint32Array(size >>> 5);
        this.mask = size - 1;
    }
    add(h1, h2) {
        for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
            const at = h & this.mask;
            this.bits[at >>> 5] |= 1 << (at & 31);
        }
    }
    has(h1, h2) {
        for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
            const at = h & this.mask;
            if ((this.bits[at >>> 5] & (1 << (at & 31))) === 0)
                return false;
        }
        return true;
    }
}
/** FNV-1a over the UTF-16 code units, finished with murmur3's mix so every bit depends on every unit. */
function key_filter_hash(s, seed) {
    let h = seed;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h;
}

;// CONCATENATED MODULE: ./src/store/project-key.ts


/*
 * Which project a log's cwd names, compared as text: a log is often read on another machine than
 * the one that wrote it (a CI runner, a copy committed to `.ai-logs/`), where the folder does not
 * exist, so nothing here touches the file system.
 */
/** Home folders: the user-name segment is left out, since a sanitized copy has it redacted. */
const HOME = /^(\/(?:home|Users)\/|[a-z]:\/(?:users|documents and settings)\/)[^/]+/i;
/** A cwd in one spelling: `/` separators, `.`/`..` resolved, no trailing `/`, the home folder's owner as `*`. */
function projectKey(cwd) {
    let p = external_node_path_namespaceObject.posix.normalize(cwd.replace(/\\/g, '/'));
    if (/^[A-Za-z]:/.test(p))
        p = p[0].toLowerCase() + p.slice(1);
    if (p.length > 1)
        p = p.replace(/\/+$/, '');
    return p.replace(HOME, '$1*');
}
/** Folders too wide to stand for one project: a cwd inside them is not the same project as they. */
function tooWide(key) {
    return key === '/' || key === '.' || /^[a-z]:\/?$/.test(key) || /^(\/(home|Users)|[a-z]:\/(users|documents and settings))(\/\*)?$/i.test(key);
}
function inside(inner, outer) {
    return !tooWide(outer) && inner.startsWith(outer.endsWith('/') ? outer : outer + '/');
}
/**
 * Two cwds (as `projectKey`s) are one project when they are the same folder or one lies inside the
 * other: an agent's cwd moves into subfolders of its project, and a subagent's log starts wherever
 * its parent then was.
 */
function sameProject(a, b) {
    return a === b || inside(a, b) || inside(b, a);
}
/** The id a session gets in a second project: the log's id with a digest of the project's key (never the user name, which the key leaves out). */
function projectSessionId(logId, key) {
    return `${logId}@${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(key).digest('hex').slice(0, 12)}`;
}

;// CONCATENATED MODULE: ./src/store/session-sources.ts

function sessionOfSource(db, fileId, logId) {
    return db_prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? AND log_id = ?`).pluck().get(fileId, logId);
}
/** Every file's mapping of a log's session id, the stored sessions in id order. */
function sourcesOfLogId(db, logId) {
    return db_prepared(db, `SELECT session_id, project FROM session_sources WHERE log_id = ? ORDER BY session_id`).all(logId);
}
function addSessionSource(db, fileId, logId, sessionId, project) {
    db_prepared(db, `INSERT OR IGNORE INTO session_sources (file_id, log_id, session_id, project) VALUES (?, ?, ?, ?)`).run(fileId, logId, sessionId, project);
}
/** Records the project of a file's session once the file says it (its cwd came after its first records). */
function setSourceProject(db, fileId, logId, project) {
    db_prepared(db, `UPDATE session_sources SET project = ? WHERE file_id = ? AND log_id = ? AND project IS NULL`).run(project, fileId, logId);
}

;// CONCATENATED MODULE: ./src/store/session-identity.ts


/**
 * Maps the session id a log gives to the stored session, so that one id logged in two projects is
 * two sessions and a report about one never shows the other's records.
 *
 * The decision is made once per file and log id, when the file's first record of that id is
 * written, and kept (`session_sources`), so a grown file goes on into the same session. The file's
 * project is the cwd it gives the session, looked for in the whole batch being written (a
 * session's cwd may come after its first events). Then the file joins, in this order: a stored
 * session of that id in the same project (`sameProject`), one whose project no file has said, or,
 * when none, the log's id itself if no file holds it yet, else the log's id with a digest of the
 * project. A file that gives no cwd joins the session holding the log's id itself.
 */
class SessionIdentity {
    db;
    known = new Map();
    /**
     * The last answer, asked again for nearly every record (a file's records come in runs of one log
     * id): it costs no key string to build and hash. `known` never changes an answer, so it holds.
     */
    last = null;
    /** The first cwd the batch being written gives each log id. */
    batchCwds = new Map();
    constructor(db) {
        this.db = db;
    }
    /** Called before each batch of one file with the cwd it gives each log id. */
    beginBatch(cwds) {
        this.batchCwds = cwds;
    }
    /** The stored session for the records `fileId` gives under `logId`. */
    resolve(fileId, logId) {
        const last = this.last;
        if (last !== null && last.fileId === fileId && last.logId === logId)
            return last.sid;
        const key = `${fileId}\u0000${logId}`;
        let sid = this.known.get(key);
        if (sid !== undefined) {
            this.last = { fileId, logId, sid };
            return sid;
        }
        sid = sessionOfSource(this.db, fileId, logId);
        if (sid === undefined) {
            const cwd = this.batchCwds.get(logId) ?? null;
            const project = cwd === null ? null : projectKey(cwd);
            sid = this.choose(logId, project);
            addSessionSource(this.db, fileId, logId, sid, project);
        }
        this.known.set(key, sid);
        this.last = { fileId, logId, sid };
        return sid;
    }
    /** A file's session patch gave a cwd: kept for files read later, when the file had not said one. */
    learnCwd(fileId, logId, cwd) {
        setSourceProject(this.db, fileId, logId, projectKey(cwd));
    }
    /** How many files' log ids it holds the answer of. */
    get size() {
        return this.known.size;
    }
    forget() {
        this.known.clear();
        this.last = null;
    }
    choose(logId, project) {
        const holders = new Map();
        for (const s of sourcesOfLogId(this.db, logId)) {
            const projects = holders.get(s.session_id) ?? [];
            // Databases upgraded to this table hold the session's cwd as it was logged.
            if (s.project !== null)
                projects.push(projectKey(s.project));
            holders.set(s.session_id, projects);
        }
        if (holders.size === 0)
            return logId;
        if (project === null)
            return holders.has(logId) ? logId : holders.keys().next().value;
        const order = [...holders].sort(([a], [b]) => (a === logId ? -1 : b === logId ? 1 : 0));
        const same = order.find(([, projects]) => projects.some((p) => sameProject(p, project)));
        if (same)
            return same[0];
        const unsaid = order.find(([, projects]) => projects.length === 0);
        if (unsaid)
            return unsaid[0];
        return holders.has(logId) ? projectSessionId(logId, project) : logId;
    }
}

;// CONCATENATED MODULE: ./src/store/writer.ts




/** The most sessions (and files' log ids) the writer's caches hold; see `StoreWriter.boundCaches`. */
const CACHED_SESSIONS = 4096;
/**
 * Writes parsed records. Every insert is idempotent (`INSERT OR IGNORE` on the event's file,
 * line and position in the line), so two ingests of the same file, in turn or at once, store
 * each event once; totals are computed from these rows at query time and never accumulated.
 */
class StoreWriter {
    db;
    turnCounters = new Map();
    /** Sessions known to have a row, so the per-event insert of one runs once per session. */
    ensured = new Set();
    lastTs = new Map();
    identity;
    rawBlocks;
    /**
     * Every dedupe key this writer has written, while it is known that no other row holds a key:
     * set at the first batch when the store holds no keyed row, dropped for good once another
     * connection has committed (its rows are not in it). Null: every key is looked up.
     */
    keys = null;
    keysDecided = false;
    /** `PRAGMA data_version` at the last batch: it changes only when another connection commits. */
    dataVersion = -1;
    s;
    moveGeneration;
    constructor(db) {
        this.db = db;
        this.moveGeneration = generationMover(db);
        this.identity = new SessionIdentity(db);
        this.rawBlocks = new RawBlockWriter(db);
        const p = (sql) => db.prepare(sql);
        this.s = {
            session: p(`INSERT INTO sessions (id, agent, agent_version, originator, source, started_at, ended_at, cwd, repository_url, branch, commit_sha, parent_id, parent_relation, title, reported_cost_usd, first_file_id)
        VALUES (@id, @agent, @agent_version, @originator, @source, @started_at, @ended_at, @cwd, @repository_url, @branch, @commit_sha, @parent_id, @parent_relation, @title, @reported_cost_usd, @file_id)
        ON CONFLICT(id) DO UPDATE SET
          agent_version = COALESCE(sessions.agent_version, excluded.agent_version),
          originator = COALESCE(sessions.originator, excluded.originator),
          source = COALESCE(sessions.source, excluded.source),
          started_at = CASE WHEN sessions.started_at IS NULL OR excluded.started_at < sessions.started_at THEN COALESCE(excluded.started_at, sessions.started_at) ELSE sessions.started_at END,
          ended_at = CASE WHEN sessions.ended_at IS NULL OR excluded.ended_at > sessions.ended_at THEN COALESCE(excluded.ended_at, sessions.ended_at) ELSE sessions.ended_at END,
          cwd = COALESCE(sessions.cwd, excluded.cwd),
          repository_url = COALESCE(sessions.repository_url, excluded.repository_url),
          branch = COALESCE(sessions.branch, excluded.branch),
          commit_sha = COALESCE(sessions.commit_sha, excluded.commit_sha),
          parent_id = COALESCE(sessions.parent_id, excluded.parent_id),
          parent_relation = COALESCE(sessions.parent_relation, excluded.parent_relation),
          title = COALESCE(sessions.title, excluded.title),
          reported_cost_usd = COALESCE(excluded.reported_cost_usd, sessions.reported_cost_usd),
          first_file_id = COALESCE(sessions.first_file_id, excluded.first_file_id)`),
            ensureSession: p(`INSERT OR IGNORE INTO sessions (id, agent, first_file_id) VALUES (?, ?, ?)`),
            endedAt: p(`UPDATE sessions SET ended_at = ? WHERE id = ? AND (ended_at IS NULL OR ended_at < ?)`),
            startedAt: p(`UPDATE sessions SET started_at = ? WHERE id = ? AND started_at IS NULL`),
            maxTurn: p(`SELECT COALESCE(MAX(ordinal), 0) AS n FROM turns WHERE session_id = ?`),
            event: p(`INSERT OR IGNORE INTO events (file_id, line, seq, session_id, turn, ts, kind, payload, raw_block, raw_item, replayed, dedupe_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
            // Two ranges of the (dedupe_key, replayed, file_id) index, not "file_id <> ?": a key the file
            // itself holds many times (identical lines) would otherwise be scanned on every insert.
            seenKeyBefore: p(`SELECT 1 FROM events WHERE dedupe_key = ? AND replayed = 0 AND file_id < ? LIMIT 1`),
            seenKeyAfter: p(`SELECT 1 FROM events WHERE dedupe_key = ? AND replayed = 0 AND file_id > ? LIMIT 1`),
            anyKey: p(`SELECT 1 FROM events WHERE dedupe_key IS NOT NULL LIMIT 1`),
            turn: p(`INSERT OR IGNORE INTO turns (session_id, ordinal, started_at, prompt_event_id, model) VALUES (?, ?, ?, ?, ?)`),
            prompt: p(`INSERT OR IGNORE INTO prompts (event_id, session_id, ordinal, ts, text, by_agent, replayed) VALUES (?, ?, ?, ?, ?, ?, ?)`),
            tokens: p(`INSERT OR IGNORE INTO token_messages (event_id, session_id, ts, model, input, cached_input, cache_write, output, reasoning_output, total, cum_total, counted, reason, replayed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
            turnContext: p(`INSERT OR IGNORE INTO turn_context_messages (event_id, session_id, ts, model, cwd, approval_policy, sandbox_policy, effort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
            reasoning: p(`INSERT OR IGNORE INTO agent_reasoning_messages (event_id, session_id, ts, text, encrypted, encrypted_bytes) VALUES (?, ?, ?, ?, ?, ?)`),
            plan: p(`INSERT OR IGNORE INTO function_plan_messages (event_id, session_id, ts, explanation, steps) VALUES (?, ?, ?, ?, ?)`),
            call: p(`INSERT OR IGNORE INTO function_calls (event_id, session_id, ts, call_id, name, tool_type, arguments, command, replayed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
            result: p(`INSERT OR IGNORE INTO function_results (event_id, session_id, ts, call_id, output, exit_code, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
            touched: p(`INSERT OR IGNORE INTO files_touched (event_id, session_id, path, change) VALUES (?, ?, ?, ?)`),
            rateLimit: p(`INSERT OR IGNORE INTO rate_limit_messages (event_id, session_id, ts, windows, plan_type) VALUES (?, ?, ?, ?, ?)`),
            snapshot: p(`INSERT OR IGNORE INTO status_snapshots (event_id, session_id, ts, form, model, input, cached_input, output, reasoning_output, total, blended_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
            // UNIQUE (path, line, reason) lets NULL lines repeat: a file-wide problem seen again by each
            // re-run is checked for explicitly.
            error: p(`INSERT OR IGNORE INTO ingest_errors (file_id, path, line, reason, at) SELECT @file_id, @path, @line, @reason, @at
        WHERE NOT EXISTS (SELECT 1 FROM ingest_errors WHERE path = @path AND line IS @line AND reason = @reason)`)
        };
    }
    /** Before each batch of one file: the first cwd the batch gives each log session id (see SessionIdentity). */
    beginBatch(cwds) {
        this.boundCaches();
        this.identity.beginBatch(cwds);
        this.checkKeyFilter();
        // A block left open belonged to a batch whose transaction did not commit.
        this.rawBlocks.discard();
    }
    /**
     * Writes the batch's last block of raw lines, and moves the store's generation for the rows the
     * batch inserted (src/store/generation.ts: the tables this writer fills have no insert trigger);
     * called at the end of each batch, inside its transaction.
     */
    flushRawLines() {
        this.rawBlocks.close();
        this.moveGeneration();
    }
    /** The stored session the records `fileId` gives under the log's session id `logId` go to. */
    sessionFor(fileId, logId) {
        return this.identity.resolve(fileId, logId);
    }
    /** Writes a session's facts; returns the stored session's id. */
    session(patch, fileId) {
        const n = (v) => (v === undefined ? null : v);
        const id = this.identity.resolve(fileId, patch.id);
        if (patch.cwd)
            this.identity.learnCwd(fileId, patch.id, patch.cwd);
        this.s.session.run({
            id,
            agent: patch.agent,
            agent_version: n(patch.agent_version),
            originator: n(patch.originator),
            source: n(patch.source),
            started_at: n(patch.started_at),
            ended_at: n(patch.ended_at),
            cwd: n(patch.cwd),
            repository_url: n(patch.repository_url),
            branch: n(patch.branch),
            commit_sha: n(patch.commit_sha),
            parent_id: n(patch.parent_id),
            parent_relation: n(patch.parent_relation),
            title: n(patch.title),
            reported_cost_usd: n(patch.reported_cost_usd),
            file_id: fileId
        });
        return id;
    }
    /**
     * Returns false when the event was already stored (a re-run or a concurrent ingest).
     * `payloadJson` is `storedPayload(ev.payload)`, made by the parse stage off this thread.
     */
    event(fileId, agent, seq, ev, raw, payloadJson) {
        const s = this.s;
        const p = ev.payload;
        const sid = this.identity.resolve(fileId, ev.session_id);
        let replayed = ev.replayed ?? false;
        const key = ev.dedupe_key;
        if (key) {
            const keys = this.keys;
            if (!replayed && (keys === null || keys.mayHold(key)) && (s.seenKeyBefore.get(key, fileId) || s.seenKeyAfter.get(key, fileId)))
                replayed = true;
            if (keys !== null)
                keys.add(key);
        }
        if (!this.ensured.has(sid)) {
            s.ensureSession.run(sid, agent, fileId);
            this.ensured.add(sid);
        }
        const personPrompt = p.kind === 'user_prompt' && !p.by_agent && !replayed;
        let turn = this.currentTurn(sid);
        if (personPrompt)
            turn += 1;
        const at = raw === null ? null : this.rawBlocks.next(fileId);
        const info = s.event.run(fileId, ev.line, seq, sid, turn, ev.ts, p.kind, payloadJson, at?.block ?? null, at?.item ?? null, replayed ? 1 : 0, key ?? null);
        if (info.changes === 0)
            return false;
        if (raw !== null)
            this.rawBlocks.keep(raw);
        const id = Number(info.lastInsertRowid);
        const ts = ev.ts;
        const r = replayed ? 1 : 0;
        if (ts)
            this.trackTime(sid, ts);
        switch (p.kind) {
            case 'user_prompt':
                if (personPrompt) {
                    this.turnCounters.set(sid, turn);
                    s.turn.run(sid, turn, ts, id, null);
                }
                s.prompt.run(id, sid, personPrompt ? turn : 0, ts, p.text, p.by_agent ? 1 : 0, r);
                break;
            case 'token_usage': {
                const d = p.delta;
                s.tokens.run(id, sid, ts, p.model ?? null, d.input, d.cached_input, d.cache_write, d.output, d.reasoning_output, d.total, p.cumulative?.total ?? null, p.counted ? 1 : 0, replayed && !p.reason ? 'replay' : (p.reason ?? null), r);
                break;
            }
            case 'turn_context':
                s.turnContext.run(id, sid, ts, p.model ?? null, p.cwd ?? null, p.approval_policy ?? null, p.sandbox_policy ?? null, p.effort ?? null);
                break;
            case 'reasoning':
                s.reasoning.run(id, sid, ts, p.text, p.encrypted ? 1 : 0, p.encrypted_bytes);
                break;
            case 'plan_update':
                s.plan.run(id, sid, ts, p.explanation ?? null, JSON.stringify(p.steps));
                break;
            case 'tool_call':
                s.call.run(id, sid, ts, p.call_id ?? null, p.name, p.tool_type, p.arguments, p.command ?? null, r);
                break;
            case 'tool_result':
                s.result.run(id, sid, ts, p.call_id ?? null, p.output, p.exit_code ?? null, p.duration_ms ?? null, p.status ?? null);
                break;
            case 'file_change':
                if (!replayed && p.path)
                    s.touched.run(id, sid, p.path, p.change);
                break;
            case 'rate_limit':
                s.rateLimit.run(id, sid, ts, JSON.stringify(p.windows), p.plan_type ?? null);
                break;
            case 'status_snapshot':
                s.snapshot.run(id, sid, ts, p.form, p.model ?? null, p.input ?? null, p.cached_input ?? null, p.output ?? null, p.reasoning_output ?? null, p.total ?? null, p.blended_total ?? null);
                break;
        }
        return true;
    }
    error(fileId, path, line, reason) {
        this.s.error.run({ file_id: fileId, path, line, reason, at: new Date().toISOString() });
    }
    /** Writes the first and last times seen per session; called at the end of each batch. */
    flushTimes() {
        for (const [sid, ts] of this.lastTs) {
            this.s.endedAt.run(ts, sid, ts);
        }
        this.lastTs.clear();
    }
    /**
     * Called inside each batch's write transaction, where no other connection can commit: the filter
     * starts only on a store holding no keyed row, and ends as soon as another connection has
     * written (two ingests at once), after which every key is looked up as before.
     */
    checkKeyFilter() {
        const version = this.db.pragma('data_version', { simple: true });
        if (!this.keysDecided) {
            this.keysDecided = true;
            if (this.s.anyKey.get() === undefined)
                this.keys = new KeyFilter();
        }
        else if (version !== this.dataVersion) {
            this.keys = null;
        }
        this.dataVersion = version;
    }
    trackTime(sid, ts) {
        const prev = this.lastTs.get(sid);
        if (!prev)
            this.s.startedAt.run(ts, sid);
        if (!prev || ts > prev)
            this.lastTs.set(sid, ts);
    }
    currentTurn(sid) {
        let n = this.turnCounters.get(sid);
        if (n === undefined) {
            n = this.s.maxTurn.get(sid).n;
            this.turnCounters.set(sid, n);
        }
        return n;
    }
    /**
     * The per-session caches (and the identity's per-file answers) hold what the store holds too, for
     * the sessions written since they were last emptied: past `CACHED_SESSIONS` they are emptied,
     * between two batches, and asked of the store again. A first ingest of many small files, a
     * session or more each, grew them by a few hundred bytes a file.
     */
    boundCaches() {
        if (this.ensured.size > CACHED_SESSIONS || this.turnCounters.size > CACHED_SESSIONS || this.identity.size > CACHED_SESSIONS) {
            this.identity.forget();
            this.ensured.clear();
            this.turnCounters.clear();
        }
    }
    /** How many sessions and files' log ids the caches hold now (for the tests of their bound). */
    get cached() {
        return Math.max(this.ensured.size, this.turnCounters.size, this.identity.size);
    }
    /** Forgets cached counters; needed after another writer may have changed the same sessions. */
    reset() {
        this.identity.forget();
        this.rawBlocks.discard();
        this.ensured.clear();
        this.turnCounters.clear();
        this.lastTs.clear();
    }
}

;// CONCATENATED MODULE: ./src/sources/aider/lines.ts
/**
 * Aider prints counts through `format_tokens`: exact below 1,000, then `3.2k` (to the nearest
 * hundred) and `10k` (to the nearest thousand). An abbreviated figure is read as the value it
 * names (3.2k → 3,200), so it is an approximation within ±50 or ±500 tokens: `rounded` says so.
 */
function parseCount(s) {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
    if (!m)
        return null;
    const mult = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1000 : 1_000_000;
    return { n: Math.round(Number(m[1]) * mult), rounded: m[2] !== '' };
}
const TOKENS = /^> Tokens: (.+?) received\.(.*)$/;
const PART = /^([\d.]+[kKmM]?) (sent|cache write|cache hit)$/;
const COST = /Cost: \$([\d.]+) message, \$([\d.]+) session\./;
/**
 * `> Tokens: 7.8k sent, 971 received. Cost: $0.0014 message, $0.0014 session.` (with
 * `cache write`/`cache hit` parts for providers that report them). "sent" is the prompt
 * size Aider took from the provider's usage, which for the providers it supports already
 * includes cache reads and writes; "received" includes any thinking the model did, which Aider
 * does not report apart, so reasoning output is 0 here.
 */
function parseTokenLine(line, model) {
    const m = TOKENS.exec(line.trimEnd());
    if (!m)
        return null;
    // `sent`, then `cache write` and `cache hit` when the provider reports them, then `received`.
    const parts = m[1].split(', ');
    const received = parseCount(parts.pop() ?? '');
    const got = {};
    for (const p of parts) {
        const x = PART.exec(p.trim());
        const c = x ? parseCount(x[1]) : null;
        if (!x || !c)
            return null;
        got[x[2]] = c;
    }
    const sent = got.sent;
    if (!sent || !received)
        return null;
    const zero = { n: 0, rounded: false };
    const hit = got['cache hit'] ?? zero;
    const write = got['cache write'] ?? zero;
    const input = sent.n;
    const cached = Math.min(hit.n, input);
    const cacheWrite = Math.min(write.n, input - cached);
    const rounded = sent.rounded || write.rounded || hit.rounded || received.rounded;
    const delta = { input, cached_input: cached, cache_write: cacheWrite, output: received.n, reasoning_output: 0, total: input + received.n };
    const c = COST.exec(m[2]);
    return {
        usage: { kind: 'token_usage', model, delta, cumulative: null, counted: delta.total > 0, reason: delta.total === 0 ? 'empty' : rounded ? 'rounded' : null },
        cost: c ? Number(c[1]) : null
    };
}
/** A `> Cost: …` line printed on its own when both cache figures were shown. */
function parseCostLine(line) {
    const m = /^> Cost: \$([\d.]+) message, \$([\d.]+) session\./.exec(line.trimEnd());
    return m ? Number(m[1]) : null;
}
const RUN_HEADER = /^# aider chat started at (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\s*$/;
/**
 * Aider writes each line of what a person typed as `#### <line>` followed by two spaces (a
 * Markdown hard break). A `#### ` heading inside a reply has no such tail, which tells them apart.
 */
function userInputLine(line) {
    if (!line.startsWith('####') || !line.endsWith('  '))
        return null;
    if (line !== '####  ' && !line.startsWith('#### '))
        return null;
    return line.slice(5, -2);
}
/** Splits `<think>…</think>` (reasoning models through Aider) from the reply text. */
function splitThinking(text) {
    const thinking = [];
    const reply = text.replace(/<think>([\s\S]*?)<\/think>/g, (_m, t) => {
        thinking.push(t.trim());
        return '';
    });
    return { thinking, reply: reply.trim() };
}

;// CONCATENATED MODULE: ./src/sources/util/emit.ts

/**
 * Appends the events of one record of a document or held-back journal entry. The record's JSON
 * goes on the first event only: there is no single source line to keep, and once is enough.
 */
function emitRecord(out, sessionId, line, ts, items, raw) {
    items.forEach((it, i) => {
        out.push({
            type: 'event',
            event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? null, ...(i === 0 && raw !== undefined ? { raw } : {}) }
        });
    });
}
/** A short stable digest for keys built from free text (prompt texts), so keys stay small. */
function shortHash(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text).digest('hex').slice(0, 16);
}

;// CONCATENATED MODULE: ./src/sources/util/json.ts
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v) {
    return typeof v === 'string' ? v : undefined;
}
function num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function obj(v) {
    return isObject(v) ? v : undefined;
}
function arr(v) {
    return Array.isArray(v) ? v : undefined;
}
function tryParseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The reason the ingester recognizes as a torn line (a last line it leaves for the next run). */
const MALFORMED_JSON = 'malformed JSON';
const JSON_START = /^[\s]*[{["\-0-9tfn]/;
/**
 * A JSONL line as an object, or null after recording why the line was skipped. Every line
 * parser starts with this, so skip reasons are the same words for every agent.
 */
function parseObjectLine(line, lineNo, out) {
    // A failed JSON.parse costs an exception; a line whose first character can start no JSON value
    // (binary junk, a log cut into pieces) is malformed without one.
    if (!JSON_START.test(line)) {
        out.push({ type: 'skip', line: lineNo, reason: MALFORMED_JSON });
        return null;
    }
    let o;
    try {
        o = JSON.parse(line);
    }
    catch {
        out.push({ type: 'skip', line: lineNo, reason: MALFORMED_JSON });
        return null;
    }
    if (!isObject(o)) {
        out.push({ type: 'skip', line: lineNo, reason: 'not a JSON object' });
        return null;
    }
    return o;
}

;// CONCATENATED MODULE: ./src/model/local-time.ts
/*
 * A log that records only a wall-clock time with no zone (Aider's run headers) is stored as
 * such: `2026-05-01T10:12:03`, no `Z`, never converted as if it were UTC. Every other time in
 * the store is a UTC instant (`…Z`). Readers tell the two apart with `isLocalTime`.
 */
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;
/** Whether a stored time is a zone-less wall-clock time. */
function isLocalTime(ts) {
    return LOCAL.test(ts);
}
/** A date and a time as a stored zone-less local time, or null when they are not a valid one. */
function localTime(date, time) {
    const ts = `${date}T${time}`;
    if (!LOCAL.test(ts) || Number.isNaN(Date.parse(`${ts}Z`)))
        return null;
    return ts;
}
/** `{ date: '2026-05-01', time: '10:12' }` of a zone-less local time, or null for any other value. */
function localWallClock(ts) {
    const m = LOCAL.exec(ts);
    return m ? { date: m[1], time: m[2] } : null;
}

;// CONCATENATED MODULE: ./src/sources/aider/history.ts




/**
 * `.aider.chat.history.md`. It is lossy and the reader says so rather than guessing: there are
 * no per-message times (only the run's start, in the machine's local time with no zone, stored
 * as that local time without a zone, see model/local-time.ts), no session ids, token counts rounded by Aider's printer, and no tool calls (edits
 * are implicit; `> Applied edit to` lines become file changes). Prompts and replies are
 * multi-line blocks, so each is emitted when the next block starts, at its first line.
 */
class AiderParser {
    st;
    constructor(ctx, state) {
        // From the file's first bytes, not its path: a copy of the history (committed to
        // .ai-logs/, or the same checkout elsewhere) names the same sessions.
        const base = `aider-${ctx.fallbackSessionId.replace(/^file-/, '').slice(0, 16)}`;
        this.st = state ?? { base, sessionId: base, model: null, block: null, costUnits: 0, lastLine: 0 };
    }
    state() {
        return this.st;
    }
    end(out) {
        this.flush(out);
    }
    push(line, lineNo, out) {
        const st = this.st;
        const gap = st.lastLine > 0 ? Math.max(0, lineNo - st.lastLine - 1) : 0;
        st.lastLine = lineNo;
        // A prompt ends at its first blank line; replies contain blank lines.
        if (gap > 0 && st.block?.kind === 'user')
            this.flush(out);
        const header = RUN_HEADER.exec(line);
        if (header) {
            this.flush(out);
            st.sessionId = `${st.base}-${header[1].replace(/-/g, '')}T${header[2].replace(/:/g, '')}`;
            st.costUnits = 0;
            out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', started_at: localTime(header[1], header[2]) } });
            return this.emit(out, lineNo, line, [{ kind: 'session_meta' }]);
        }
        const input = userInputLine(line);
        if (input !== null) {
            if (st.block?.kind !== 'user') {
                this.flush(out);
                st.block = { kind: 'user', line: lineNo, lines: [] };
            }
            return void st.block.lines.push(input);
        }
        // `>>>>>>> REPLACE` closes an edit block inside a reply; tool output is `> text`.
        if (/^>(\s|$)/.test(line)) {
            this.flush(out);
            return this.toolOutput(line, lineNo, out);
        }
        if (line.trim() === '') {
            if (st.block?.kind === 'user')
                this.flush(out);
            else
                st.block?.lines.push('');
            return;
        }
        if (st.block?.kind !== 'assistant') {
            this.flush(out);
            st.block = { kind: 'assistant', line: lineNo, lines: [] };
        }
        else
            for (let i = 0; i < gap; i++)
                st.block.lines.push('');
        st.block.lines.push(line);
    }
    emit(out, lineNo, raw, payloads) {
        emitRecord(out, this.st.sessionId, lineNo, null, payloads.map((payload) => ({ payload })), raw);
    }
    toolOutput(line, lineNo, out) {
        const st = this.st;
        const text = line.replace(/^> ?/, '').trimEnd();
        const model = /^(?:Main model|Model): (\S+)/.exec(text);
        if (model) {
            st.model = model[1];
            return this.emit(out, lineNo, line, [
                { kind: 'turn_context', model: st.model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null }
            ]);
        }
        const version = /^Aider v(\S+)$/.exec(text);
        if (version)
            return void out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', agent_version: version[1] } });
        const usage = parseTokenLine(line, st.model);
        if (usage) {
            this.emit(out, lineNo, line, [usage.usage]);
            return this.addCost(usage.cost, out);
        }
        const cost = parseCostLine(line);
        if (cost !== null)
            return this.addCost(cost, out);
        const applied = /^Applied edit to (.+)$/.exec(text);
        if (applied)
            return this.emit(out, lineNo, line, [{ kind: 'file_change', path: applied[1], change: 'update', call_id: null }]);
        if (/^Commit [0-9a-f]{7,40} /.test(text))
            return this.emit(out, lineNo, line, [{ kind: 'other', type: 'commit' }]);
    }
    addCost(cost, out) {
        if (cost === null)
            return;
        const st = this.st;
        st.costUnits += Math.round(cost * 1e8);
        out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', reported_cost_usd: st.costUnits / 1e8 } });
    }
    flush(out) {
        const b = this.st.block;
        this.st.block = null;
        if (!b)
            return;
        while (b.lines.length && b.lines[b.lines.length - 1].trim() === '')
            b.lines.pop();
        const text = b.lines.join('\n');
        if (b.kind === 'user') {
            if (text.trim() === '' || text === '<blank>')
                return;
            // `/code …`, `/commit`, `!cmd`: commands to Aider. `/code X` and `/ask X` are followed by `#### X`, the prompt itself.
            const command = /^[/!]/.test(text.trimStart());
            const p = command ? { kind: 'context_message', role: 'command', text } : { kind: 'user_prompt', text, by_agent: false, images: 0 };
            return this.emit(out, b.line, text, [p]);
        }
        const { thinking, reply } = splitThinking(text);
        const payloads = thinking.map((t) => ({ kind: 'reasoning', text: t, encrypted: false, encrypted_bytes: 0 }));
        if (reply)
            payloads.push({ kind: 'assistant_message', text: reply, phase: null });
        if (payloads.length)
            this.emit(out, b.line, text, payloads);
    }
}
function sniff(head) {
    if (head.parsed.some(isObject))
        return false;
    return head.lines.some((l) => RUN_HEADER.test(l));
}
const aiderHistory = {
    mode: 'lines',
    id: 'aider-chat-history',
    agent: 'aider',
    description: 'Aider chat history (.aider.chat.history.md in the repository root)',
    sniff,
    createParser: (ctx, state) => new AiderParser(ctx, state)
};

;// CONCATENATED MODULE: ./src/sources/aider/index.ts


;// CONCATENATED MODULE: ./src/sources/cline/agents.ts

/** The agents of the Cline family: Cline and its forks Roo Code and Kilo Code write the same task folders. */
const CLINE_AGENTS = ['cline', 'roo-code', 'kilo-code'];
/** Each agent's VS Code extension id: its folder under `globalStorage/`. */
const EXTENSION_IDS = {
    cline: 'saoudrizwan.claude-dev',
    'roo-code': 'rooveterinaryinc.roo-cline',
    'kilo-code': 'kilocode.kilo-code'
};
/** The files of a task folder this family reads. */
const TASK_FILES = new Set(['ui_messages.json', 'api_conversation_history.json', 'task_metadata.json']);
const segments = (path) => path.replace(/\\/g, '/').split('/');
/**
 * The agent that wrote a task file. The three write the same format, so the path decides first:
 * the extension folder (`globalStorage/<extension id>/tasks/<id>/`) or the agent folder of a
 * copy committed to `.ai-logs/<agent>/`. Without either, Roo Code's `apiProtocol` (in its
 * `api_req_started` records; Cline never writes it) tells Roo Code from Cline. Kilo Code writes
 * Roo Code's records and is told only by its path.
 */
function agentOf(path, text) {
    const parts = segments(path).map((s) => s.toLowerCase());
    for (const agent of CLINE_AGENTS)
        if (parts.includes(EXTENSION_IDS[agent]))
            return agent;
    const logs = parts.lastIndexOf('.ai-logs');
    const copied = logs >= 0 ? parts[logs + 1] : undefined;
    const named = CLINE_AGENTS.find((a) => a === copied);
    if (named)
        return named;
    return /\\"apiProtocol\\"\s*:/.test(text) ? 'roo-code' : 'cline';
}
/**
 * The task id: the name of the task folder (a millisecond timestamp in Cline, a UUID in Roo and
 * Kilo Code), which every file of the task shares. A copy of a task with one file is named
 * `<id>.json`; its stem is the id. The ingest's fallback id is used only when neither applies.
 */
function taskIdOf(path, fallback) {
    const name = (0,external_node_path_namespaceObject.basename)(path.replace(/\\/g, '/'));
    if (TASK_FILES.has(name))
        return (0,external_node_path_namespaceObject.basename)((0,external_node_path_namespaceObject.dirname)(path.replace(/\\/g, '/'))) || fallback;
    const stem = name.replace(/\.json$/i, '');
    return stem && stem !== name ? stem : fallback;
}

;// CONCATENATED MODULE: ./src/sources/util/time.ts
/**
 * Logs write times as ISO strings (sometimes without a zone), epoch seconds or epoch milliseconds.
 * Stored times are UTC ISO-8601 with milliseconds so they sort and compare as text.
 */
function toUtcIso(v) {
    if (typeof v === 'number' && Number.isFinite(v)) {
        // Epoch seconds until the year 5138; anything larger is milliseconds.
        const ms = v < 1e11 ? v * 1000 : v;
        const d = new Date(ms);
        return Number.isNaN(d.getTime()) ? null : d.toISOString();
    }
    if (typeof v !== 'string' || v.length < 10 || v.length > 40)
        return null;
    if (/^\d+(\.\d+)?$/.test(v))
        return toUtcIso(Number(v));
    // A date-time without a zone designator is taken as UTC, the convention of every agent we read.
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(v);
    const d = new Date(hasZone || v.length === 10 ? v : `${v}Z`);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
/** A time in epoch milliseconds as ISO-8601, or null when it is outside the range of dates. */
function isoOrNull(ms) {
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

;// CONCATENATED MODULE: ./src/sources/cline/place.ts

const CWD = /# Current (?:Working Directory|Workspace Directory) \(([^)\n]+)\) Files/;
const WORKSPACE = /# Workspace Configuration\n(\{[\s\S]*?\n\})\n/;
/**
 * The task's place from the `<environment_details>` block the agent appends to the first request
 * of a task: `# Current Working Directory (<path>) Files` (Roo Code: `# Current Workspace
 * Directory`), and in newer Cline `# Workspace Configuration`, a JSON object whose workspaces list
 * `associatedRemoteUrls` (`origin: <url>`) and `latestGitCommitHash`. Only the first workspace is read.
 */
function placeIn(text) {
    const cwd = CWD.exec(text)?.[1]?.trim() || null;
    let repository_url = null;
    let commit_sha = null;
    const ws = WORKSPACE.exec(text)?.[1];
    const conf = ws ? tryParseJson(ws) : undefined;
    const workspaces = isObject(conf) && isObject(conf.workspaces) ? Object.values(conf.workspaces) : [];
    const first = workspaces.find(isObject);
    if (first) {
        const remotes = (arr(first.associatedRemoteUrls) ?? []).map(str).filter((r) => !!r);
        const origin = remotes.find((r) => r.startsWith('origin:')) ?? remotes[0];
        repository_url = origin ? origin.replace(/^[^:\s]+:\s*/, '').trim() || null : null;
        commit_sha = str(first.latestGitCommitHash) ?? null;
    }
    return { cwd, repository_url, commit_sha };
}
const knownPlace = (p) => p.cwd !== null || p.repository_url !== null;

;// CONCATENATED MODULE: ./src/sources/cline/side-files.ts




/** The text blocks of one Anthropic-format message (`content` is a string or a list of blocks). */
function texts(content) {
    if (typeof content === 'string')
        return [content];
    return (arr(content) ?? []).map((b) => (obj(b)?.type === 'text' ? (str(obj(b)?.text) ?? '') : '')).filter(Boolean);
}
/**
 * `api_conversation_history.json`: the messages as sent to the model. Everything a report shows
 * is in `ui_messages.json` already (reading prompts here too would count them twice), so this
 * file gives only the task's place: the `<environment_details>` of its first user message. A task
 * whose `ui_messages.json` request records were trimmed (Roo Code keeps only the usage there) is
 * scoped by this.
 */
function parseApiHistory(text, agent, sessionId, out) {
    const doc = JSON.parse(text);
    if (!Array.isArray(doc))
        throw new Error('expected a JSON array of API messages');
    for (const m of doc) {
        if (!isObject(m) || m.role !== 'user')
            continue;
        for (const t of texts(m.content)) {
            const place = placeIn(t);
            if (knownPlace(place)) {
                out.push({ type: 'session', patch: { id: sessionId, agent, ...place } });
                return;
            }
        }
    }
}
/**
 * `task_metadata.json`: `files_in_context` (each file the task read, mentioned or edited, with
 * `record_source` `cline_edited` / `roo_edited` / `kilo_edited` for the agent's own edits) and
 * `model_usage` (each model the task used, with its time and mode). An edit recorded here says
 * which file, not whether it was created or changed: the change is `unknown`. Events are numbered
 * by their place: model entries first, then files.
 */
function parseTaskMetadata(text, agent, sessionId, out) {
    const doc = JSON.parse(text);
    if (!isObject(doc))
        throw new Error('expected a JSON object');
    let n = 0;
    const emit = (ts, payload, raw) => emitRecord(out, sessionId, ++n, ts, [{ payload }], JSON.stringify(raw));
    for (const u of arr(doc.model_usage) ?? []) {
        const o = obj(u);
        const model = str(o?.model_id);
        if (o && model)
            emit(isoOrNull(num(o.ts) ?? NaN), { kind: 'turn_context', model, cwd: null }, o);
    }
    for (const f of arr(doc.files_in_context) ?? []) {
        const o = obj(f);
        const path = str(o?.path);
        const source = str(o?.record_source) ?? '';
        if (!o || !path || !/_edited$/.test(source) || source === 'user_edited')
            continue;
        const when = Object.entries(o).find(([k, v]) => k.endsWith('_edit_date') && k !== 'user_edit_date' && typeof v === 'number')?.[1];
        emit(isoOrNull(typeof when === 'number' ? when : NaN), { kind: 'file_change', path, change: 'unknown', call_id: null }, o);
    }
}

;// CONCATENATED MODULE: ./src/sources/util/token-count.ts

/**
 * A count in a log that no message can hold (negative, fractional, absurdly large). Thrown by a
 * line parser, it makes its line a problem (with file and line) and the read goes on.
 */
class TokenValueError extends Error {
}
function tokenValueReason(field, value) {
    return `token count out of range: ${field} = ${String(value)} (a count is a whole number from 0 to ${MAX_TOKENS_PER_MESSAGE.toExponential()}); left out of the totals`;
}
/** A token count read from a log: undefined when absent or not a number, thrown when out of range. */
function tokenCount(v, field) {
    if (typeof v !== 'number' || Number.isNaN(v))
        return undefined;
    if (!isTokenCount(v))
        throw new TokenValueError(tokenValueReason(field, v));
    return v;
}
/** Why a line was not read, from what its parser threw. */
function lineProblem(e) {
    if (e instanceof TokenValueError)
        return e.message;
    return `line not read: ${String(e?.message ?? e)}`;
}

;// CONCATENATED MODULE: ./src/sources/cline/known.ts
/**
 * `say` and `ask` types of Cline, Roo Code and Kilo Code that carry nothing a report shows
 * (checkpoints, retries, UI notices, approvals): stored raw as `other`. The names are those of
 * `ClineSay` / `ClineAsk` in the agents' `ExtensionMessage.ts` (cline/cline, RooCodeInc/Roo-Code).
 * A type in neither this list nor `ui-messages.ts` is reported as unknown: a change of the format.
 */
const KNOWN_UNINTERPRETED = new Set([
    'say "api_req_finished"',
    'say "api_req_retried"',
    'say "api_req_retry_delayed"',
    'say "api_req_deleted"',
    'say "api_req_rate_limit_wait"',
    'say "checkpoint_created"',
    'say "checkpoint_saved"',
    'say "deleted_api_reqs"',
    'say "diff_error"',
    'say "error_retry"',
    'say "shell_integration_warning"',
    'say "load_mcp_documentation"',
    'say "mcp_server_request_started"',
    'say "mcp_notification"',
    'say "clineignore_error"',
    'say "rooignore_error"',
    'say "info"',
    'say "hook"',
    'say "hook_output"',
    'say "hook_status"',
    'say "hook_output_stream"',
    'say "browser_action_launch"',
    'say "browser_action"',
    'say "browser_action_result"',
    'say "task_progress"',
    'say "user_feedback_diff"',
    'say "codebase_search_result"',
    'say "image"',
    'say "subtask_result"',
    'say "condense_context_error"',
    'say "sliding_window_truncation"',
    'say "generate_image"',
    'say "too_many_tools_warning"',
    'say "command_permission_denied"',
    'ask "completion_result"',
    'ask "api_req_failed"',
    'ask "resume_task"',
    'ask "resume_completed_task"',
    'ask "mistake_limit_reached"',
    'ask "auto_approval_max_req_reached"',
    'ask "browser_action_launch"',
    'ask "condense"',
    'ask "report_bug"',
    'ask "new_task"',
    'ask "summarize_task"',
    'ask "invalid_model"'
]);

;// CONCATENATED MODULE: ./src/sources/cline/tools.ts

/** Tool names (the `tool` of a tool record's JSON) that write the file at `path`, and how. */
const WRITES = {
    editedExistingFile: 'update',
    newFileCreated: 'add',
    fileDeleted: 'delete',
    appliedDiff: 'update',
    insertContent: 'update',
    searchAndReplace: 'update',
    applyPatch: 'update'
};
/** The paths a tool record names: `path`, or the `batchDiffs` / `batchFiles` of Roo Code's batched edits and reads. */
function pathsOf(t) {
    const one = str(t.path);
    const batch = [...(arr(t.batchDiffs) ?? []), ...(arr(t.batchFiles) ?? [])].map((b) => str(obj(b)?.path)).filter((p) => !!p);
    return one ? [one, ...batch.filter((p) => p !== one)] : batch;
}
/**
 * A `say: "tool"` or `ask: "tool"` record: its `text` is JSON naming the tool (`readFile`,
 * `editedExistingFile`, `newFileCreated`, `appliedDiff`, …) and the path. The call has no id in the
 * log; the record's time is used, which is unique within a task. A write names its file as touched.
 */
function toolRecord(text, callId) {
    const t = obj(tryParseJson(text));
    if (!t)
        return [{ kind: 'tool_call', call_id: callId, name: 'tool', arguments: text, command: null, tool_type: 'other' }];
    const name = str(t.tool) ?? 'tool';
    // The record holds the written content or diff in full; the call keeps what names the action.
    const args = JSON.stringify({ ...t, content: undefined, diff: undefined });
    const out = [{ kind: 'tool_call', call_id: callId, name, arguments: args, command: null, tool_type: 'function' }];
    const change = WRITES[name];
    if (change)
        for (const path of pathsOf(t))
            out.push({ kind: 'file_change', path, change, call_id: callId });
    return out;
}
/** `ask`/`say: "command"`: the text is the command line (Cline may append a `REQ_APP` approval marker). */
function commandRecord(text, callId) {
    const command = text.replace(/REQ_APP\s*$/, '').trim();
    return { kind: 'tool_call', call_id: callId, name: 'execute_command', arguments: JSON.stringify({ command }), command, tool_type: 'local_shell' };
}
/** `ask: "use_mcp_server"`: `{type, serverName, toolName, arguments}` or, for resources, `{uri}`. */
function mcpRecord(text, callId) {
    const t = obj(tryParseJson(text)) ?? {};
    const server = str(t.serverName) ?? 'mcp';
    const name = `${server}/${str(t.toolName) ?? str(t.uri) ?? str(t.type) ?? 'call'}`;
    return { kind: 'tool_call', call_id: callId, name, arguments: str(t.arguments) ?? text, command: null, tool_type: 'mcp' };
}

;// CONCATENATED MODULE: ./src/sources/cline/usage.ts



/**
 * The tokens of one API request, from the JSON of its `api_req_started` record: `tokensIn`,
 * `tokensOut`, `cacheWrites`, `cacheReads`. Cline (and Roo Code with `apiProtocol: "anthropic"`)
 * count `tokensIn` without the cache, as Anthropic does; Roo Code with `apiProtocol: "openai"`
 * counts the cache inside `tokensIn`. A record with none of the four has no usage (a request
 * still running or cancelled before the answer): null, never zero.
 */
function requestTokens(info) {
    const fields = ['tokensIn', 'tokensOut', 'cacheWrites', 'cacheReads'];
    if (!fields.some((f) => typeof info[f] === 'number'))
        return null;
    const tokensIn = tokenCount(info.tokensIn, 'tokensIn') ?? 0;
    const read = tokenCount(info.cacheReads, 'cacheReads') ?? 0;
    const write = tokenCount(info.cacheWrites, 'cacheWrites') ?? 0;
    const output = tokenCount(info.tokensOut, 'tokensOut') ?? 0;
    const reasoning = tokenCount(info.reasoningTokens, 'reasoningTokens') ?? 0;
    const cacheInside = str(info.apiProtocol) === 'openai' && tokensIn >= read + write;
    const input = cacheInside ? tokensIn : tokensIn + read + write;
    return { input, cached_input: read, cache_write: write, output, reasoning_output: reasoning, total: input + output };
}
function usageRow(model, t) {
    const empty = isZeroTokens(t);
    return { kind: 'token_usage', model, delta: t, cumulative: null, counted: !empty, reason: empty ? 'empty' : null };
}
/** The request's cost in US dollars as the agent priced it, when it did. */
const requestCost = (info) => num(info.cost) ?? null;

;// CONCATENATED MODULE: ./src/sources/cline/ui-messages.ts








const imagesOf = (m) => (Array.isArray(m.images) ? m.images.length : 0);
/** `modelInfo` (newer Cline, on every record) or `modelId` in a request's JSON (Kilo Code, newer forks). */
function modelChange(st, model) {
    if (!model || model === st.model)
        return [];
    st.model = model;
    return [{ kind: 'turn_context', model, cwd: st.place?.cwd ?? null }];
}
function apiRequest(st, text, out, agent) {
    const info = obj(tryParseJson(text));
    if (!info)
        return [{ kind: 'other', type: 'api_req_started' }];
    const payloads = [...modelChange(st, str(info.modelId))];
    const request = str(info.request);
    if (request && !st.place) {
        const place = placeIn(request);
        if (knownPlace(place)) {
            st.place = place;
            out.push({ type: 'session', patch: { id: st.sessionId, agent, ...place } });
        }
    }
    const tokens = requestTokens(info);
    const cost = requestCost(info);
    if (cost !== null)
        st.cost = (st.cost ?? 0) + cost;
    if (tokens)
        payloads.push(usageRow(st.model, tokens));
    const cancelled = str(info.cancelReason);
    if (cancelled)
        payloads.push({ kind: 'marker', marker: 'abort', detail: cancelled });
    return payloads.length > 0 ? payloads : [{ kind: 'other', type: 'api_req_started' }];
}
/** `ask: "followup"`: `{question, options}` JSON in current versions, plain text in older ones. */
function question(text) {
    const q = obj(tryParseJson(text));
    return str(q?.question) ?? text;
}
/**
 * One record of `ui_messages.json`: `{ts, type: "say"|"ask", say?/ask?, text, images?, partial?,
 * modelInfo?}`. The first record is the task as the person typed it (`say: "text"` in current
 * versions, `say: "task"` in older ones), `user_feedback` is a later prompt; `text`,
 * `completion_result` and the mode answers are the agent's words; `tool`, `command` and
 * `use_mcp_server` are calls; `api_req_started` holds each request's usage and cost.
 */
function ui_messages_record(st, m, index, out, agent) {
    const type = str(m.type) ?? 'none';
    const sub = type === 'say' ? str(m.say) : type === 'ask' ? str(m.ask) : undefined;
    const key = `${type} "${sub ?? ''}"`;
    const text = str(m.text) ?? '';
    const callId = String(num(m.ts) ?? index);
    // A record still being streamed when the file was written: its final form is a later record, or none.
    if (m.partial === true)
        return [{ kind: 'other', type: `${key} (partial)` }];
    const model = modelChange(st, str(obj(m.modelInfo)?.modelId));
    const own = () => {
        switch (key) {
            case 'say "task"':
                return [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }];
            case 'say "text"':
                return index === 0
                    ? [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }]
                    : text.trim()
                        ? [{ kind: 'assistant_message', text, phase: null }]
                        : [];
            case 'say "user_feedback"':
                return [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }];
            case 'say "reasoning"':
                return text.trim() ? [{ kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 }] : [];
            case 'say "completion_result"':
                return text.trim() ? [{ kind: 'assistant_message', text, phase: 'completion' }] : [];
            case 'ask "followup"':
            case 'ask "plan_mode_respond"':
            case 'say "act_mode_respond"':
            case 'ask "text"':
                return [{ kind: 'assistant_message', text: key === 'ask "followup"' ? question(text) : text, phase: null }];
            case 'say "api_req_started"':
                return apiRequest(st, text, out, agent);
            case 'say "tool"':
            case 'ask "tool"':
                return toolRecord(text, callId);
            case 'say "command"':
            case 'ask "command"':
                st.lastCall = callId;
                return [commandRecord(text, callId)];
            case 'say "command_output"':
            case 'ask "command_output"':
                return [{ kind: 'tool_result', call_id: st.lastCall, output: text, exit_code: null, duration_ms: null, status: null }];
            case 'ask "use_mcp_server"':
            case 'say "use_mcp_server"':
                st.lastCall = callId;
                return [mcpRecord(text, callId)];
            case 'say "mcp_server_response"':
                return [{ kind: 'tool_result', call_id: st.lastCall, output: text, exit_code: null, duration_ms: null, status: null }];
            case 'say "error"':
                return [{ kind: 'marker', marker: 'error', detail: text || null }];
            case 'say "condense_context"':
                return [{ kind: 'compaction', text: str(obj(m.contextCondense)?.summary) ?? (text || null), encrypted: false }];
            default:
                if (!KNOWN_UNINTERPRETED.has(key))
                    out.push({ type: 'unknown', line: index + 1, what: `ui message ${key}` });
                return [];
        }
    };
    const payloads = [...model, ...own()];
    return payloads.length > 0 ? payloads : [{ kind: 'other', type: key }];
}
/**
 * `ui_messages.json` of a Cline, Roo Code or Kilo Code task: the conversation as the extension
 * shows it. The extension writes the array on one line, so an event's line is its record's
 * place in the array (1-based); each event's record goes with it as raw JSON.
 */
function parseUiMessages(text, agent, sessionId, out) {
    const doc = JSON.parse(text);
    if (!Array.isArray(doc))
        throw new Error('expected a JSON array of UI messages');
    const st = { sessionId, model: null, place: null, lastCall: null, cost: null };
    const times = doc.map((m) => (isObject(m) ? num(m.ts) : undefined)).filter((t) => t !== undefined);
    const first = times.length > 0 ? isoOrNull(Math.min(...times)) : null;
    const last = times.length > 0 ? isoOrNull(Math.max(...times)) : null;
    out.push({ type: 'session', patch: { id: sessionId, agent, source: 'ui_messages', originator: agent, started_at: first, ended_at: last } });
    doc.forEach((m, i) => {
        const lineNo = i + 1;
        if (!isObject(m)) {
            out.push({ type: 'skip', line: lineNo, reason: 'array element is not a JSON object' });
            return;
        }
        try {
            const found = [];
            const payloads = ui_messages_record(st, m, i, found, agent);
            const ts = isoOrNull(num(m.ts) ?? NaN);
            out.push(...found);
            emitRecord(out, sessionId, lineNo, ts, payloads.map((payload) => ({ payload })), JSON.stringify(m));
        }
        catch (e) {
            out.push({ type: 'skip', line: lineNo, reason: lineProblem(e) });
        }
    });
    const end = { id: sessionId, agent, reported_cost_usd: st.cost };
    if (st.cost !== null)
        out.push({ type: 'session', patch: end });
}

;// CONCATENATED MODULE: ./src/sources/cline/index.ts



/** A UI message array: its first record starts `{"ts": <ms>, "type": "say"|"ask"`, as all three agents write it. */
const UI_MESSAGES = /^\s*\[\s*\{\s*"ts"\s*:\s*\d{12,14}\s*,\s*"type"\s*:\s*"(say|ask)"\s*,\s*"(say|ask)"\s*:/;
/** The API history opens with the task as the person's message, wrapped in `<task>` (or Roo's `<user_message>`) with environment details. */
const API_HISTORY = /^\s*\[\s*\{\s*"role"\s*:\s*"user"\s*,\s*"content"\s*:/;
const API_HISTORY_MARKERS = /<task>|<user_message>|<environment_details>/;
const TASK_METADATA = /^\s*\{\s*"files_in_context"\s*:\s*\[/;
function kindOf(head) {
    if (UI_MESSAGES.test(head.text))
        return 'ui-messages';
    if (API_HISTORY.test(head.text) && API_HISTORY_MARKERS.test(head.text))
        return 'api-history';
    if (TASK_METADATA.test(head.text) && /"model_usage"\s*:|"record_source"\s*:/.test(head.text))
        return 'task-metadata';
    return null;
}
const DESCRIPTIONS = {
    'ui-messages': 'task conversation (globalStorage/<extension>/tasks/<task>/ui_messages.json)',
    'api-history': 'task API history, read for its place only (globalStorage/<extension>/tasks/<task>/api_conversation_history.json)',
    'task-metadata': 'task metadata: models and edited files (globalStorage/<extension>/tasks/<task>/task_metadata.json)'
};
const NAMES = { cline: 'Cline', 'roo-code': 'Roo Code', 'kilo-code': 'Kilo Code' };
const PARSERS = {
    'ui-messages': parseUiMessages,
    'api-history': parseApiHistory,
    'task-metadata': parseTaskMetadata
};
/**
 * One source per agent and file of a task folder. The agent is decided by the path (extension
 * folder, or `.ai-logs/<agent>/`) and, without one, by Roo Code's own marker; see `agentOf`.
 */
function taskSource(agent, kind) {
    return {
        mode: 'document',
        id: `${agent}-${kind}`,
        agent,
        description: `${NAMES[agent]} ${DESCRIPTIONS[kind]}`,
        sniff: (head) => kindOf(head) === kind && agentOf(head.path, head.text) === agent,
        parseDocument(text, ctx, out) {
            PARSERS[kind](text, agent, taskIdOf(ctx.path, ctx.fallbackSessionId), out);
        }
    };
}
/** Every Cline, Roo Code and Kilo Code format, for registration. */
const clineSources = CLINE_AGENTS.flatMap((agent) => ['ui-messages', 'api-history', 'task-metadata'].map((kind) => taskSource(agent, kind)));


;// CONCATENATED MODULE: ./src/sources/claude-code/content.ts

/**
 * Text Claude Code writes into `user` lines on the person's behalf: slash-command wrappers and
 * their output, `!` shell echoes, IDE context, hook output, background-task notices. None of it
 * is a prompt a person typed to the model.
 */
const WRAPPER = /^\s*<(command-name|command-message|command-args|command-contents|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr|task-notification|ide_opened_file|ide_selection|ide_diagnostics|system-reminder|user-prompt-submit-hook|user-memory-input)>/;
const INTERRUPTED = /^\s*\[Request interrupted by user/;
const COMMAND_NAME = /<command-name>\s*(\/[^<\s]{1,100})\s*<\/command-name>/;
const COMMAND_ARGS = /<command-args>([\s\S]*?)<\/command-args>/;
/**
 * Claude Code's built-in commands that run locally and send the model nothing a person wrote
 * (settings, session housekeeping, views). Every other typed slash command — `/init`, `/review`,
 * a project's or plugin's own `/orchestrator` — is a request to the model, so it is a prompt.
 */
const LOCAL_COMMANDS = new Set('/add-dir /agents /bashes /clear /compact /config /context /cost /doctor /exit /export /help /hooks /ide /login /logout /mcp /memory /model /output-style /permissions /plugin /privacy-settings /quit /release-notes /resume /rewind /stats /status /statusline /terminal-setup /theme /todos /upgrade /usage /vim'.split(' '));
/** The prompt a typed slash command stands for (`/name args`), or null for a local command or other wrapper text. */
function slashCommandPrompt(text) {
    const name = COMMAND_NAME.exec(text)?.[1];
    if (!name || LOCAL_COMMANDS.has(name.toLowerCase()))
        return null;
    const args = COMMAND_ARGS.exec(text)?.[1].trim() ?? '';
    return args ? `${name} ${args}` : name;
}
const EXIT_CODE = /^(?:Error: )?Exit code (-?\d+)/;
const FILE_TOOLS = {
    Edit: { key: 'file_path', change: 'update' },
    MultiEdit: { key: 'file_path', change: 'update' },
    // Write creates or overwrites; which one is known only from the result.
    Write: { key: 'file_path', change: 'unknown' },
    NotebookEdit: { key: 'notebook_path', change: 'update' }
};
function isWrapperText(text) {
    return WRAPPER.test(text);
}
/** Text of an Anthropic content value (a string or blocks); images are counted, not kept. */
function blocksText(content) {
    if (typeof content === 'string')
        return { text: content, images: 0 };
    const parts = [];
    let images = 0;
    for (const b of arr(content) ?? []) {
        const o = obj(b);
        if (!o)
            continue;
        if (o.type === 'image')
            images++;
        const t = str(o.text);
        if (t !== undefined)
            parts.push(t);
    }
    return { text: parts.join('\n'), images };
}
function toolType(name) {
    if (name.startsWith('mcp__'))
        return 'mcp';
    if (name === 'WebSearch' || name === 'web_search')
        return 'web_search';
    if (name in FILE_TOOLS)
        return 'file_change';
    return 'function';
}
function toolUsePayloads(b) {
    const name = str(b.name) ?? 'unknown';
    const input = obj(b.input);
    const callId = str(b.id) ?? null;
    const out = [
        {
            kind: 'tool_call',
            call_id: callId,
            name,
            arguments: JSON.stringify(b.input ?? {}),
            command: name === 'Bash' ? (str(input?.command) ?? null) : null,
            tool_type: b.type === 'server_tool_use' ? (name === 'web_search' ? 'web_search' : 'other') : toolType(name)
        }
    ];
    const file = FILE_TOOLS[name];
    const path = file && str(input?.[file.key]);
    if (file && path)
        out.push({ kind: 'file_change', path, change: file.change, call_id: callId });
    return out;
}
/** Payloads of one assistant line's content blocks. `<synthetic>` lines are local error notices, not model output. */
function assistantPayloads(content, synthetic) {
    if (synthetic)
        return [{ kind: 'marker', marker: 'error', detail: blocksText(content).text || null }];
    if (typeof content === 'string')
        return [{ kind: 'assistant_message', text: content, phase: null }];
    const out = [];
    for (const raw of arr(content) ?? []) {
        const b = obj(raw);
        if (!b)
            continue;
        switch (b.type) {
            case 'text':
                out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null });
                break;
            case 'thinking': {
                // An empty `thinking` with only a signature means the reasoning happened but was withheld.
                const text = str(b.thinking) ?? '';
                const sig = str(b.signature) ?? '';
                out.push({ kind: 'reasoning', text, encrypted: text === '', encrypted_bytes: text === '' ? sig.length : 0 });
                break;
            }
            case 'redacted_thinking':
                out.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(b.data) ?? '').length });
                break;
            case 'tool_use':
            case 'server_tool_use':
                out.push(...toolUsePayloads(b));
                break;
            default:
                if (typeof b.type === 'string' && b.type.endsWith('_tool_result')) {
                    out.push({ kind: 'tool_result', call_id: str(b.tool_use_id) ?? null, output: JSON.stringify(b.content ?? null), status: null });
                }
                else {
                    out.push({ kind: 'other', type: `content block "${str(b.type) ?? '?'}"` });
                }
        }
    }
    return out;
}
function toolResultPayload(b, structured) {
    const { text, images } = blocksText(b.content);
    const output = images && !text ? `[${images} image(s)]` : text;
    const isError = b.is_error === true;
    const code = isError ? EXIT_CODE.exec(output) : null;
    const duration = num(structured?.durationMs) ?? num(structured?.totalDurationMs);
    return {
        kind: 'tool_result',
        call_id: str(b.tool_use_id) ?? null,
        output,
        exit_code: code ? Number(code[1]) : isError ? null : structured && 'stdout' in structured ? 0 : null,
        duration_ms: duration ?? null,
        status: isError ? 'error' : 'ok'
    };
}
/** Payloads of one user line: a person's prompt, tool results, or text injected for them. */
function userPayloads(content, f) {
    const blocks = (arr(content) ?? []).map(obj).filter((b) => b !== undefined);
    const results = blocks.filter((b) => b.type === 'tool_result');
    if (results.length) {
        const structured = results.length === 1 ? obj(f.toolUseResult) : undefined;
        const out = results.map((b) => toolResultPayload(b, structured));
        const rest = blockText(blocks.filter((b) => b.type !== 'tool_result'));
        if (rest)
            out.push(...textPayloads(rest, 0, { ...f, isMeta: true }));
        return out;
    }
    const { text, images } = blocksText(content);
    return textPayloads(text, images, f);
}
function blockText(blocks) {
    return blocks
        .map((b) => str(b.text))
        .filter((t) => t !== undefined)
        .join('\n');
}
function textPayloads(text, images, f) {
    if (f.isCompactSummary)
        return [{ kind: 'compaction', text, encrypted: false }];
    if (INTERRUPTED.test(text))
        return [{ kind: 'marker', marker: 'abort', detail: text.trim() }];
    if (f.isMeta)
        return [{ kind: 'context_message', role: 'meta', text }];
    if (isWrapperText(text)) {
        const typed = slashCommandPrompt(text);
        if (typed !== null)
            return [{ kind: 'user_prompt', text: typed, by_agent: f.byAgent, images }];
        return [{ kind: 'context_message', role: 'command', text }];
    }
    return [{ kind: 'user_prompt', text, by_agent: f.byAgent, images }];
}

;// CONCATENATED MODULE: ./src/sources/claude-code/usage.ts



const SYNTHETIC_MODEL = '<synthetic>';
/**
 * Anthropic `usage` → normalized counts. Anthropic's `input_tokens` excludes the cache, so the
 * prompt size is input + cache creation + cache read; `total` is that plus output.
 */
function claudeTokens(v) {
    const u = obj(v);
    if (!u)
        return null;
    const fresh = tokenCount(u.input_tokens, 'input_tokens') ?? 0;
    const read = tokenCount(u.cache_read_input_tokens, 'cache_read_input_tokens') ?? 0;
    const write = tokenCount(u.cache_creation_input_tokens, 'cache_creation_input_tokens') ?? ephemeralWrites(u.cache_creation);
    const output = tokenCount(u.output_tokens, 'output_tokens') ?? 0;
    const input = fresh + write + read;
    return { input, cached_input: read, cache_write: write, output, reasoning_output: 0, total: input + output };
}
/** Older gateways report cache writes only in the 5m/1h split. */
function ephemeralWrites(v) {
    const c = obj(v);
    if (!c)
        return 0;
    return ((tokenCount(c.ephemeral_5m_input_tokens, 'ephemeral_5m_input_tokens') ?? 0) + (tokenCount(c.ephemeral_1h_input_tokens, 'ephemeral_1h_input_tokens') ?? 0));
}
/** The SDK's per-model totals (`modelUsage` of a `result`) use camelCase names. */
function modelUsageTokens(v) {
    const m = obj(v);
    if (!m)
        return null;
    return claudeTokens({
        input_tokens: m.inputTokens,
        cache_read_input_tokens: m.cacheReadInputTokens,
        cache_creation_input_tokens: m.cacheCreationInputTokens,
        output_tokens: m.outputTokens
    });
}
/**
 * One streamed response is written as one line per content block, each repeating the usage as
 * it stood then. The copy with the largest output is the final one (ties: the larger total).
 */
function isBetterCopy(candidate, best) {
    if (candidate.output !== best.output)
        return candidate.output > best.output;
    return candidate.total > best.total;
}
function usage_usageRow(model, delta, counted, reason, cumulative = null) {
    return { kind: 'token_usage', model, delta, cumulative, counted, reason };
}
/**
 * A response that was already counted shows up again (its lines were interleaved with other
 * lines, or the file grew after an ingest ended mid-response). Counting only what the new copy
 * adds keeps the session total equal to the largest copy, which is exact.
 */
function topUp(counted, copy, model) {
    if (!isBetterCopy(copy, counted))
        return { row: usage_usageRow(model, zeroTokens(), false, 'duplicate', copy), counted };
    const delta = subtractTokens(copy, counted);
    for (const k of Object.keys(delta))
        if (delta[k] < 0)
            delta[k] = 0;
    delta.total = delta.input + delta.output;
    return { row: usage_usageRow(model, delta, true, 'split-response-remainder', copy), counted: addTokens(counted, delta) };
}

;// CONCATENATED MODULE: ./src/sources/util/json-array.ts
/**
 * The 1-based line on which each top-level element of a JSON array text starts, so events read
 * from a pretty-printed document point at the place a reader would look. Strings are skipped
 * with their escapes, so brackets inside text are not mistaken for structure.
 */
function arrayElementLines(text) {
    const lines = [];
    let line = 1;
    let depth = 0;
    let inString = false;
    let expectElement = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') {
            line++;
            continue;
        }
        if (inString) {
            if (c === '\\')
                i++;
            else if (c === '"')
                inString = false;
            continue;
        }
        if (c === ' ' || c === '\t' || c === '\r')
            continue;
        if (depth === 1 && expectElement && c !== ']') {
            lines.push(line);
            expectElement = false;
        }
        if (c === '"')
            inString = true;
        else if (c === '[' || c === '{') {
            depth++;
            if (depth === 1)
                expectElement = true;
        }
        else if (c === ']' || c === '}')
            depth--;
        else if (c === ',' && depth === 1)
            expectElement = true;
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/sources/claude-code/stream.ts







const AGENT = 'claude-code';
const MESSAGE_TYPES = new Set(['system', 'assistant', 'user', 'result', 'stream_event', 'rate_limit_event', 'tool_progress', 'auth_status']);
/**
 * `claude -p --output-format stream-json` messages. Per-message usage is a snapshot taken when a
 * block was emitted (often `output_tokens: 1` for a long answer), so only the final `result`
 * totals are counted; the per-message rows stay for reference.
 */
class ClaudeStreamParser {
    st;
    constructor(ctx, state, form = 'stream-json') {
        this.st = state ?? { session: ctx.fallbackSessionId, form, model: null, cwd: null, lastResult: null };
    }
    state() {
        return this.st;
    }
    end() { }
    push(line, lineNo, out) {
        let o;
        try {
            o = JSON.parse(line);
        }
        catch {
            // Wrappers often redirect stderr into the same file; only a line that looks like JSON can be torn.
            out.push({ type: 'skip', line: lineNo, reason: line.trimStart().startsWith('{') ? 'malformed JSON' : 'not JSON (stderr text mixed into the stream)' });
            return;
        }
        if (!isObject(o)) {
            out.push({ type: 'skip', line: lineNo, reason: 'not a JSON object' });
            return;
        }
        this.message(o, lineNo, out);
    }
    /** One SDK message; `raw` is given when it is not a whole line of the file (an array element). */
    message(o, lineNo, out, raw) {
        const st = this.st;
        const sid = str(o.session_id);
        if (sid && sid !== st.session)
            st.session = sid;
        const type = str(o.type) ?? 'none';
        const payloads = [];
        let unknown = null;
        switch (type) {
            case 'system':
                payloads.push(...this.system(o, out));
                break;
            case 'assistant': {
                const msg = obj(o.message) ?? {};
                const model = str(msg.model) ?? null;
                const synthetic = model === SYNTHETIC_MODEL;
                if (model && !synthetic && model !== st.model) {
                    st.model = model;
                    payloads.push({ kind: 'turn_context', model, cwd: st.cwd });
                }
                payloads.push(...assistantPayloads(msg.content, synthetic));
                const tokens = claudeTokens(msg.usage);
                if (tokens)
                    payloads.push(usage_usageRow(model, tokens, false, synthetic ? 'synthetic' : 'superseded-by-result'));
                break;
            }
            case 'user': {
                const msg = obj(o.message) ?? {};
                payloads.push(...userPayloads(msg.content, {
                    isMeta: o.isMeta === true || o.isSynthetic === true,
                    isCompactSummary: o.isCompactSummary === true,
                    // Messages inside a sub-agent carry the Task call that spawned it.
                    byAgent: typeof o.parent_tool_use_id === 'string',
                    toolUseResult: o.tool_use_result ?? o.toolUseResult
                }));
                break;
            }
            case 'result':
                payloads.push(...this.result(o, out));
                break;
            case 'rate_limit_event': {
                const r = obj(o.rate_limit_info) ?? {};
                payloads.push({
                    kind: 'rate_limit',
                    windows: [{ window_minutes: null, used_percent: num(r.utilization) ?? null, resets_at: toUtcIso(r.resetsAt) }],
                    plan_type: str(r.rateLimitType) ?? null
                });
                break;
            }
            default:
                payloads.push({ kind: 'other', type });
                if (!MESSAGE_TYPES.has(type))
                    unknown = `type "${type}"`;
        }
        const ts = toUtcIso(o.timestamp);
        const events = payloads.map((payload) => ({ session_id: st.session, ts, line: lineNo, payload, dedupe_key: str(o.uuid) ?? null }));
        if (raw !== undefined && events.length)
            events[0].raw = raw;
        for (const event of events)
            out.push({ type: 'event', event });
        if (unknown)
            out.push({ type: 'unknown', line: lineNo, what: unknown });
    }
    system(o, out) {
        const st = this.st;
        const subtype = str(o.subtype);
        if (subtype === 'init') {
            st.cwd = str(o.cwd) ?? st.cwd;
            const model = str(o.model) ?? null;
            if (model)
                st.model = model;
            const patch = {
                id: st.session,
                agent: AGENT,
                agent_version: str(o.claude_code_version) ?? null,
                source: st.form,
                cwd: st.cwd
            };
            out.push({ type: 'session', patch });
            return [{ kind: 'session_meta' }, { kind: 'turn_context', model, cwd: st.cwd, approval_policy: str(o.permissionMode) ?? null }];
        }
        if (subtype === 'compact_boundary')
            return [{ kind: 'marker', marker: 'context_compacted', detail: str(obj(o.compact_metadata)?.trigger) ?? null }];
        return [{ kind: 'other', type: `system:${subtype ?? '?'}` }];
    }
    /**
     * The run's totals. `modelUsage` splits them by model and includes side calls to smaller
     * models; `usage` is the fallback. A file with several results (one per turn of a long-lived
     * session) is read as running totals when every figure grew.
     */
    result(o, out) {
        const st = this.st;
        const cost = num(o.total_cost_usd) ?? num(o.cost_usd);
        out.push({ type: 'session', patch: { id: st.session, agent: AGENT, reported_cost_usd: cost ?? null } });
        const totals = {};
        const byModel = obj(o.modelUsage);
        for (const [model, v] of Object.entries(byModel ?? {})) {
            const t = modelUsageTokens(v);
            if (t)
                totals[model] = t;
        }
        if (Object.keys(totals).length === 0) {
            const t = claudeTokens(o.usage);
            if (t)
                totals[st.model ?? ''] = t;
        }
        const prev = st.lastResult;
        const cumulative = prev !== null && Object.entries(prev).every(([m, p]) => totals[m] && !hasNegative(subtractTokens(totals[m], p)));
        st.lastResult = totals;
        const payloads = [];
        for (const [model, t] of Object.entries(totals)) {
            const delta = cumulative && prev?.[model] ? subtractTokens(t, prev[model]) : t;
            payloads.push(usage_usageRow(model || null, delta, !isZeroTokens(delta), isZeroTokens(delta) ? 'empty' : null, t));
        }
        if (o.is_error === true)
            payloads.push({ kind: 'marker', marker: 'error', detail: str(o.subtype) ?? null });
        payloads.push({ kind: 'marker', marker: 'turn_end', detail: num(o.num_turns) !== undefined ? `num_turns=${num(o.num_turns)}` : null });
        return payloads;
    }
}
function isStreamMessage(o) {
    if (!isObject(o) || typeof o.type !== 'string' || 'sessionId' in o)
        return false;
    if (o.type === 'system' && o.subtype === 'init' && typeof o.session_id === 'string')
        return true;
    return (o.type === 'assistant' || o.type === 'user' || o.type === 'result') && typeof o.session_id === 'string';
}
const claudeStream = {
    mode: 'lines',
    id: 'claude-stream-json',
    promptless: true,
    agent: AGENT,
    description: 'claude -p --output-format stream-json --verbose output (NDJSON: system init, assistant, user, result)',
    sniff: (head) => head.parsed.some(isStreamMessage),
    createParser: (ctx, state) => new ClaudeStreamParser(ctx, state)
};
const ARRAY_OF_MESSAGES = /^\s*\[\s*\{/;
const SDK_FIELDS = /"session_id"\s*:/;
const SDK_TYPES = /"type"\s*:\s*"(system|assistant|user|result)"/;
const claudeExecutionFile = {
    mode: 'document',
    id: 'claude-code-action-execution',
    promptless: true,
    agent: AGENT,
    description: "claude-code-action's execution file ($RUNNER_TEMP/claude-execution-output.json): a JSON array of stream-json messages",
    sniff: (head) => ARRAY_OF_MESSAGES.test(head.text) && SDK_FIELDS.test(head.text) && SDK_TYPES.test(head.text) && !/"sessionId"\s*:/.test(head.text),
    parseDocument(text, ctx, out) {
        const doc = JSON.parse(text);
        if (!Array.isArray(doc))
            throw new Error('expected a JSON array of messages');
        const lines = arrayElementLines(text);
        const parser = new ClaudeStreamParser(ctx, undefined, 'claude-code-action');
        doc.forEach((m, i) => {
            const lineNo = lines[i] ?? i + 1;
            if (isObject(m)) {
                // An element the parser cannot take is a problem of its element, as a line is in a log.
                const found = [];
                try {
                    parser.message(m, lineNo, found, JSON.stringify(m));
                    out.push(...found);
                }
                catch (e) {
                    out.push({ type: 'skip', line: lineNo, reason: lineProblem(e) });
                }
            }
            else
                out.push({ type: 'skip', line: lineNo, reason: 'array element is not a JSON object' });
        });
    }
};

;// CONCATENATED MODULE: ./src/sources/claude-code/lines.ts

/** Lines that only describe the session; kept as `other` without comment. */
const METADATA_TYPES = new Set([
    'agent-name',
    'agent-setting',
    'last-prompt',
    'mode',
    'permission-mode',
    'bridge-session',
    'tag',
    'worktree-state',
    'relocated',
    'fork-context-ref',
    'frame-link',
    'atis-latch',
    'file-history-delta'
]);
const SYSTEM_SUBTYPES = new Set([
    'informational',
    'stop_hook_summary',
    'away_summary',
    'bridge_status',
    'scheduled_task_fire',
    'agents_killed',
    'model_consent_fallback'
]);
const PR_URL = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/pull\/\d+/;
function systemPayloads(o) {
    const subtype = str(o.subtype);
    const content = str(o.content) ?? null;
    switch (subtype) {
        case 'compact_boundary':
        case 'microcompact_boundary': {
            const m = obj(o.compactMetadata) ?? obj(o.microcompactMetadata);
            const trigger = str(m?.trigger);
            const pre = num(m?.preTokens);
            const detail = [subtype === 'microcompact_boundary' ? 'micro' : null, trigger, pre !== undefined ? `preTokens=${pre}` : null].filter(Boolean).join(' ');
            return { payloads: [{ kind: 'marker', marker: 'context_compacted', detail: detail || null }], known: true };
        }
        case 'turn_duration':
            return {
                payloads: [{ kind: 'marker', marker: 'turn_end', detail: num(o.durationMs) !== undefined ? `durationMs=${num(o.durationMs)}` : null }],
                known: true
            };
        case 'api_error': {
            const err = obj(o.error);
            const detail = str(err?.message) ?? str(o.error) ?? content;
            return { payloads: [{ kind: 'marker', marker: 'error', detail: detail ?? 'api_error' }], known: true };
        }
        case 'local_command':
            return { payloads: [{ kind: 'context_message', role: 'command', text: content ?? '' }], known: true };
        case undefined:
            // Older files: free text such as hook output or a tool notice.
            return { payloads: [{ kind: 'context_message', role: 'system', text: content ?? '' }], known: true };
        default:
            return { payloads: [{ kind: 'other', type: `system:${subtype}` }], known: SYSTEM_SUBTYPES.has(subtype) };
    }
}
function attachmentPayloads(o) {
    const a = obj(o.attachment);
    const type = str(a?.type) ?? '?';
    // Mid-turn steering a person queued: shown as context, because the same text is delivered to
    // the model again as an ordinary prompt line and must not be counted twice.
    if (type === 'queued_command') {
        const prompt = a?.prompt ?? a?.content;
        return { payloads: [{ kind: 'context_message', role: 'queued', text: typeof prompt === 'string' ? prompt : JSON.stringify(prompt ?? '') }], known: true };
    }
    return { payloads: [{ kind: 'other', type: `attachment:${type}` }], known: true };
}
function sideLinePayloads(type, o) {
    switch (type) {
        case 'system':
            return systemPayloads(o);
        case 'attachment':
            return attachmentPayloads(o);
        case 'progress':
            // May embed a whole sub-agent message with usage; that spend is in the sub-agent's own lines.
            return { payloads: [{ kind: 'other', type: `progress:${str(obj(o.data)?.type) ?? '?'}` }], known: true };
        case 'summary':
            return { payloads: [{ kind: 'context_message', role: 'summary', text: str(o.summary) ?? '' }], known: true, title: str(o.summary) };
        case 'custom-title':
        case 'ai-title': {
            const title = str(o.customTitle) ?? str(o.aiTitle) ?? str(o.title);
            return { payloads: [{ kind: 'other', type }], known: true, title };
        }
        case 'file-history-snapshot':
            return { payloads: [{ kind: 'marker', marker: 'snapshot', detail: str(o.messageId) ?? null }], known: true };
        case 'queue-operation':
            return { payloads: [{ kind: 'other', type: `queue-operation:${str(o.operation) ?? '?'}` }], known: true };
        case 'pr-link': {
            // The pull request the session opened or was pointed at: a fact for the pull request's scope.
            const url = str(o.prUrl);
            const m = PR_URL.exec(url ?? '');
            if (!url || !m)
                return { payloads: [{ kind: 'other', type }], known: true };
            return { payloads: [{ kind: 'link', rel: 'pull_request', url }], known: true, repositoryUrl: m[1] };
        }
        default:
            return { payloads: [{ kind: 'other', type }], known: METADATA_TYPES.has(type) };
    }
}

;// CONCATENATED MODULE: ./src/sources/claude-code/side-files.ts


/**
 * Claude Code 2.1 keeps a tool output too large for its transcript line in a side file,
 * `<project>/<session>/tool-results/<name>`, and writes in the line only a preview:
 *
 *   <persisted-output>
 *   Output too large (141KB). Full output saved to: /home/u/.claude/projects/-p/<session>/tool-results/toolu_X.txt
 *
 *   Preview (first 2KB):
 *   …
 *   </persisted-output>
 *
 * The path in the line is the writer's machine's; the file is looked up beside the transcript
 * being read, by the session and file name only, so a log never makes the reader open a path of
 * its choosing.
 */
const PERSISTED = /^\s*<persisted-output>[\s\S]*?Full output saved to: ([^\n]+)/;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The largest side file read; a larger one keeps its preview, like a line over the ingest's limit. */
const MAX_SIDE_FILE_BYTES = 64 * 1024 * 1024;
/** The side file a tool result's text points to, or null when it holds the whole output itself. */
function persistedOutputRef(text) {
    const m = PERSISTED.exec(text);
    if (!m)
        return null;
    const parts = m[1].trim().split(/[\\/]/);
    const name = parts[parts.length - 1];
    const session = parts[parts.length - 3];
    if (parts[parts.length - 2] !== 'tool-results' || !session || !SAFE_NAME.test(name) || !SAFE_NAME.test(session))
        return null;
    return { session, name };
}
/**
 * The project folder of a transcript: the folder of `<session>.jsonl`, or the one above
 * `<session>/subagents/…` for a sub-agent's file (and above `<session>/` for `collect`'s copies).
 */
function projectDir(transcript, session) {
    const parts = (0,external_node_path_namespaceObject.dirname)(transcript).split(external_node_path_namespaceObject.sep);
    const at = parts.lastIndexOf(session);
    return at > 0 ? parts.slice(0, at).join(external_node_path_namespaceObject.sep) : (0,external_node_path_namespaceObject.dirname)(transcript);
}
/** Where a side file of `session` lies for the transcript at `transcript`. */
function sideFilePath(transcript, ref) {
    return (0,external_node_path_namespaceObject.join)(projectDir(transcript, ref.session), ref.session, 'tool-results', ref.name);
}
/** The side file's text, or why it could not be read (missing, too large, not a file). */
function readSideFile(transcript, ref, maxBytes = MAX_SIDE_FILE_BYTES) {
    const shown = `${ref.session}/tool-results/${ref.name}`;
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(sideFilePath(transcript, ref), 'r');
    }
    catch (e) {
        const code = e.code;
        return { ok: false, problem: `tool output side file ${shown} ${code === 'ENOENT' ? 'not found' : `unreadable (${code ?? 'error'})`}; its preview is kept` };
    }
    try {
        const st = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (!st.isFile())
            return { ok: false, problem: `tool output side file ${shown} is not a regular file; its preview is kept` };
        if (st.size > maxBytes)
            return { ok: false, problem: `tool output side file ${shown} is over ${maxBytes} bytes (not read); its preview is kept` };
        const buf = Buffer.alloc(st.size);
        let at = 0;
        while (at < buf.length) {
            const n = (0,external_node_fs_namespaceObject.readSync)(fd, buf, at, buf.length - at, at);
            if (n === 0)
                break;
            at += n;
        }
        return {
            ok: true,
            text: buf
                .subarray(0, at)
                .toString('utf8')
                .replace(/^\uFEFF/, '')
        };
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
/**
 * The side files of the session whose transcript is `transcript` (`<session>/tool-results/*`),
 * for copies that must carry them along. Empty when the file is not named after its session or
 * there are none.
 */
function sessionSideFiles(transcript, session) {
    const dir = join(projectDir(transcript, session), session, 'tool-results');
    try {
        return readdirSync(dir, { withFileTypes: true })
            .filter((d) => d.isFile() && SAFE_NAME.test(d.name))
            .map((d) => join(dir, d.name))
            .sort();
    }
    catch {
        return [];
    }
}
/** True for a file Claude Code keeps beside its transcripts that is not a transcript (a side file, a sub-agent's meta). */
function isClaudeSideFile(path) {
    const parent = (0,external_node_path_namespaceObject.basename)((0,external_node_path_namespaceObject.dirname)(path));
    return parent === 'tool-results' || (parent === 'subagents' && path.endsWith('.meta.json'));
}

;// CONCATENATED MODULE: ./src/sources/claude-code/transcript.ts







const transcript_AGENT = 'claude-code';
const SESSION_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;
/** Lines that never end a streamed response: Claude Code writes them between its content-block lines. */
const PASS_THROUGH = new Set([
    'progress',
    'attachment',
    'file-history-snapshot',
    'file-history-delta',
    'queue-operation',
    'custom-title',
    'ai-title',
    'agent-name',
    'last-prompt',
    'tag',
    'pr-link'
]);
/** Held lines above this size are released early; a later copy of the same response then adds only its remainder. */
const MAX_HELD_BYTES = 4 * 1024 * 1024;
const RECENT_RESPONSES = 32;
function initialState(ctx) {
    const name = (0,external_node_path_namespaceObject.basename)(ctx.path);
    const m = SESSION_FILE.exec(name);
    return {
        fileSession: m ? m[1].toLowerCase() : null,
        agentFile: /^agent-/.test(name) || /[\\/]subagents[\\/]/.test(ctx.path),
        session: m ? m[1].toLowerCase() : null,
        ownSeen: false,
        replaying: false,
        announced: {},
        model: null,
        cwd: null,
        title: null,
        repositoryUrl: null,
        pending: null,
        held: [],
        heldBytes: 0,
        recent: []
    };
}
/** All lines of one API response share `message.id` and `requestId`; gateways drop `requestId`. */
function responseKey(o, msg, lineNo) {
    const id = str(msg.id);
    if (!id) {
        const own = str(o.uuid) ?? `line:${lineNo}`;
        return { key: own, usageKey: `claude-usage:${own}` };
    }
    return { key: `${id}:${str(o.requestId) ?? ''}`, usageKey: `claude-usage:${id}` };
}
class ClaudeTranscriptParser {
    ctx;
    st;
    constructor(ctx, state) {
        this.ctx = ctx;
        this.st = state ?? initialState(ctx);
    }
    state() {
        return this.st;
    }
    end(out) {
        if (this.st.session === null && this.st.held.length)
            out.push({ type: 'session', patch: this.adopt(this.ctx.fallbackSessionId) });
        this.release(out);
    }
    push(line, lineNo, out) {
        const o = parseObjectLine(line, lineNo, out);
        if (!o)
            return;
        const st = this.st;
        const type = str(o.type) ?? 'none';
        const ts = toUtcIso(o.timestamp);
        const at = this.attribute(o);
        for (const p of at.patches)
            out.push({ type: 'session', patch: p });
        const byAgent = o.isSidechain === true || st.agentFile;
        const payloads = [];
        let hold = st.session === null;
        let usage = null;
        let unknown = null;
        let sideProblems = [];
        let usageDedupe = null;
        if (type === 'assistant') {
            const msg = obj(o.message) ?? {};
            const model = str(msg.model) ?? null;
            const synthetic = model === SYNTHETIC_MODEL;
            const { key, usageKey } = responseKey(o, msg, lineNo);
            if (st.pending && st.pending.key !== key)
                this.release(out);
            if (!synthetic && !at.replayed)
                payloads.push(...this.context(model, str(o.cwd) ?? null));
            payloads.push(...assistantPayloads(msg.content, synthetic));
            const tokens = claudeTokens(msg.usage);
            const prior = st.recent.find((r) => r.key === key);
            if (tokens && synthetic) {
                // Locally generated notices (usage limits, API errors) cost nothing and name no model.
                usage = usage_usageRow(model, tokens, false, 'synthetic');
            }
            else if (tokens && prior) {
                const t = topUp(prior.counted, tokens, model);
                prior.counted = t.counted;
                usage = at.replayed ? { ...t.row, counted: false, reason: 'replay' } : t.row;
            }
            else if (tokens && at.session !== null) {
                this.track({ key, usageKey, session: at.session, model, best: tokens, bestLine: lineNo, ts, replayed: at.replayed });
                hold = true;
            }
            else if (tokens) {
                usage = usage_usageRow(model, tokens, !at.replayed, at.replayed ? 'replay' : null);
            }
            else if (st.pending?.key === key) {
                hold = true;
            }
            usageDedupe = at.replayed ? null : usageKey;
        }
        else {
            if (!PASS_THROUGH.has(type))
                this.release(out);
            if (type === 'user') {
                if (!at.replayed)
                    payloads.push(...this.context(null, str(o.cwd) ?? null));
                const msg = obj(o.message) ?? {};
                payloads.push(...userPayloads(msg.content, {
                    isMeta: o.isMeta === true,
                    isCompactSummary: o.isCompactSummary === true,
                    byAgent,
                    toolUseResult: o.toolUseResult ?? o.tool_use_result
                }));
                sideProblems = this.readSideFiles(payloads);
            }
            else {
                const side = sideLinePayloads(type, o);
                payloads.push(...side.payloads);
                if (!side.known)
                    unknown = type === 'system' ? `system "${str(o.subtype) ?? '?'}"` : `type "${type}"`;
                if (side.title && !at.replayed)
                    this.learn('title', side.title, out);
                if (side.repositoryUrl)
                    this.learn('repositoryUrl', side.repositoryUrl, out);
            }
        }
        // A copy the parser already knows to be a replay gets no key: the writer would otherwise take
        // it, when stored first, as the original and mark the real original in the other file replayed.
        const dedupe = at.replayed ? null : (str(o.uuid) ?? null);
        const events = payloads.map((payload) => ({
            session_id: at.session ?? '',
            ts,
            line: lineNo,
            payload,
            replayed: at.replayed,
            dedupe_key: dedupe
        }));
        if (usage)
            events.push({ session_id: at.session ?? '', ts, line: lineNo, payload: usage, replayed: at.replayed, dedupe_key: usageDedupe });
        if (hold) {
            st.held.push({ line: lineNo, raw: line, events });
            st.heldBytes += line.length;
            if (st.heldBytes > MAX_HELD_BYTES && st.session !== null)
                this.release(out);
        }
        else {
            this.emit(events, line, out);
        }
        if (unknown)
            out.push({ type: 'unknown', line: lineNo, what: unknown });
        for (const reason of sideProblems)
            out.push({ type: 'skip', line: lineNo, reason });
    }
    /** Tool results whose output Claude Code kept in a side file get the file's text; returns what could not be read. */
    readSideFiles(payloads) {
        const problems = [];
        for (let i = 0; i < payloads.length; i++) {
            const p = payloads[i];
            if (p.kind !== 'tool_result')
                continue;
            const ref = persistedOutputRef(p.output);
            if (!ref)
                continue;
            const read = readSideFile(this.ctx.path, ref);
            if (read.ok)
                payloads[i] = { ...p, output: read.text };
            else
                problems.push(read.problem);
        }
        return problems;
    }
    /** Events of the current line; its raw text is named explicitly when held lines were released before it. */
    emit(events, raw, out) {
        if (events.length && out.some((r) => r.type === 'event'))
            events[0] = { ...events[0], raw };
        for (const event of events)
            out.push({ type: 'event', event });
    }
    /** Which session a line belongs to, and whether it is a copy of another session's history. */
    attribute(o) {
        const st = this.st;
        const patches = [];
        const lineSid = str(o.sessionId) ?? str(o.session_id);
        if (!lineSid)
            return { session: st.session, replayed: st.replaying, patches };
        const fs = st.fileSession;
        const forkedFrom = str(obj(o.forkedFrom)?.sessionId);
        if (fs && lineSid !== fs && !st.ownSeen) {
            // A resumed or forked file starts with the earlier session's lines, byte for byte.
            if (!st.replaying && !this.known(fs, 'p'))
                patches.push({ id: fs, agent: transcript_AGENT, parent_id: forkedFrom ?? lineSid, parent_relation: forkedFrom ? 'fork' : 'resume' });
            st.replaying = true;
            return { session: fs, replayed: true, patches };
        }
        st.replaying = false;
        if (lineSid === fs)
            st.ownSeen = true;
        const prev = st.session;
        if (prev !== lineSid) {
            if (prev === null)
                patches.push(this.adopt(lineSid));
            else {
                st.session = lineSid;
                st.model = null;
                st.cwd = null;
                if (!this.known(lineSid, 'p'))
                    patches.push({ id: lineSid, agent: transcript_AGENT, parent_id: prev, parent_relation: 'resume' });
            }
        }
        if (forkedFrom && forkedFrom !== lineSid && !this.known(lineSid, 'p'))
            patches.push({ id: lineSid, agent: transcript_AGENT, parent_id: forkedFrom, parent_relation: 'fork' });
        const p = this.describe(lineSid, o);
        if (p)
            patches.push(p);
        return { session: lineSid, replayed: false, patches };
    }
    /** The file names its session: lines held until now are attributed to it. */
    adopt(sid) {
        const st = this.st;
        st.session = sid;
        for (const h of st.held)
            for (const e of h.events)
                if (e.session_id === '')
                    e.session_id = sid;
        return { id: sid, agent: transcript_AGENT, title: st.title, repository_url: st.repositoryUrl };
    }
    /** Session facts a line carries (version, cwd, branch), each written once per session. */
    describe(sid, o) {
        const version = str(o.version);
        const cwd = str(o.cwd);
        const branch = str(o.gitBranch) || undefined;
        const patch = { id: sid, agent: transcript_AGENT };
        let any = !this.known(sid, 's');
        if (version && !this.known(sid, 'v'))
            patch.agent_version = version;
        if (cwd && !this.known(sid, 'c'))
            patch.cwd = cwd;
        if (branch && !this.known(sid, 'b'))
            patch.branch = branch;
        const ts = toUtcIso(o.timestamp);
        if (any)
            patch.started_at = ts;
        any = any || patch.agent_version !== undefined || patch.cwd !== undefined || patch.branch !== undefined;
        this.mark(sid, 's');
        if (patch.agent_version)
            this.mark(sid, 'v');
        if (patch.cwd)
            this.mark(sid, 'c');
        if (patch.branch)
            this.mark(sid, 'b');
        return any ? patch : null;
    }
    learn(field, value, out) {
        const st = this.st;
        if (st[field] !== null)
            return;
        st[field] = value;
        if (st.session !== null)
            out.push({ type: 'session', patch: { id: st.session, agent: transcript_AGENT, ...(field === 'title' ? { title: value } : { repository_url: value }) } });
    }
    known(sid, flag) {
        return (this.st.announced[sid] ?? '').includes(flag);
    }
    mark(sid, flag) {
        if (!this.known(sid, flag))
            this.st.announced[sid] = (this.st.announced[sid] ?? '') + flag;
    }
    /** A `turn_context` whenever the model or the working directory changes, so a session's models are known. */
    context(model, cwd) {
        const st = this.st;
        const newModel = model !== null && model !== st.model;
        const newCwd = cwd !== null && cwd !== st.cwd;
        if (!newModel && !newCwd)
            return [];
        if (newModel)
            st.model = model;
        if (newCwd)
            st.cwd = cwd;
        return [{ kind: 'turn_context', model: st.model, cwd: st.cwd }];
    }
    track(next) {
        const p = this.st.pending;
        if (p && p.key === next.key) {
            if (isBetterCopy(next.best, p.best)) {
                p.best = next.best;
                p.bestLine = next.bestLine;
                p.ts = next.ts;
                p.model = next.model ?? p.model;
            }
            return;
        }
        this.st.pending = next;
    }
    /** Emits the held lines and, on the line of its largest copy, the pending response's usage. */
    release(out) {
        const st = this.st;
        if (st.session === null)
            return;
        const p = st.pending;
        for (const h of st.held) {
            const events = h.events.map((e) => (e.session_id === '' ? { ...e, session_id: st.session } : e));
            if (p && h.line === p.bestLine) {
                events.push({
                    session_id: p.session,
                    ts: p.ts,
                    line: h.line,
                    payload: usage_usageRow(p.model, p.best, !p.replayed, p.replayed ? 'replay' : null),
                    replayed: p.replayed,
                    dedupe_key: p.replayed ? null : p.usageKey
                });
            }
            if (events.length)
                events[0] = { ...events[0], raw: h.raw };
            for (const event of events)
                out.push({ type: 'event', event });
        }
        if (p) {
            st.recent.push({ key: p.key, counted: p.best });
            if (st.recent.length > RECENT_RESPONSES)
                st.recent.shift();
        }
        st.pending = null;
        st.held = [];
        st.heldBytes = 0;
    }
}
/** Entry types only Claude Code writes, each with the field that carries it. */
const OWN_TYPES = {
    attachment: 'attachment',
    progress: 'data',
    'queue-operation': 'operation',
    'ai-title': 'aiTitle',
    'custom-title': 'customTitle',
    'pr-link': 'prUrl',
    'permission-mode': 'permissionMode',
    'last-prompt': 'leafUuid',
    'agent-name': 'agentName'
};
/**
 * Claude Code's own markers, not a shape others share: Qwen Code writes `type: user/assistant`
 * lines with a `sessionId` too, but its messages hold Gemini-style `parts`, never `content`.
 */
function isClaudeLine(o) {
    const type = o.type;
    const session = typeof o.sessionId === 'string';
    if (type === 'user' || type === 'assistant')
        return session && 'content' in (obj(o.message) ?? {});
    if (type === 'system')
        return session && (typeof o.content === 'string' || 'compactMetadata' in o || typeof o.durationMs === 'number');
    if (type === 'summary')
        return 'leafUuid' in o;
    if (type === 'file-history-snapshot')
        return 'snapshot' in o;
    const field = OWN_TYPES[type];
    return field !== undefined && session && field in o;
}
function sniffTranscript(head) {
    return head.parsed.some((o) => isObject(o) && typeof o.type === 'string' && isClaudeLine(o));
}
const claudeCode = {
    mode: 'lines',
    id: 'claude-code',
    agent: transcript_AGENT,
    description: 'Claude Code session transcript (~/.claude/projects/<project>/<session>.jsonl) and its sub-agent files (agent-*.jsonl, <session>/subagents/)',
    sniff: sniffTranscript,
    createParser: (ctx, state) => new ClaudeTranscriptParser(ctx, state)
};

;// CONCATENATED MODULE: ./src/sources/claude-code/index.ts



;// CONCATENATED MODULE: ./src/sources/codex/usage.ts




/** Codex `TokenUsage` → normalized counts. Codex's input already holds cached input (and cache writes), output holds reasoning. */
function codexTokens(v) {
    const o = obj(v);
    if (!o)
        return null;
    const count = (name) => tokenCount(o[name], name);
    const input = count('input_tokens') ?? 0;
    const output = count('output_tokens') ?? 0;
    return {
        input,
        cached_input: Math.min(count('cached_input_tokens') ?? 0, input),
        cache_write: count('cache_write_input_tokens') ?? 0,
        output,
        reasoning_output: count('reasoning_output_tokens') ?? 0,
        total: count('total_tokens') ?? input + output
    };
}
/**
 * A usage object that names only its total (`{"total_tokens": N}`), as some 2026 builds write.
 * Its split is unknown, which is not the same as zero: a "context full" row writes the other
 * fields as 0.
 */
function isTotalOnly(v) {
    const o = obj(v);
    return o !== undefined && typeof o.total_tokens === 'number' && o.input_tokens === undefined && o.output_tokens === undefined;
}
/** `t` with only its total taken from `total`: what a total-only row tells about the cumulative counts. */
function withTotal(t, total) {
    return { ...t, total };
}
const onlyTotal = (total) => ({ input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total });
/**
 * The counting rule for Codex usage updates (docs/tokens.md):
 * - Codex writes each update twice; a row whose cumulative total did not move adds nothing.
 * - "Context full" rows (every component zero, total > 0) are synthetic and add nothing.
 * - Otherwise the row adds (cumulative − previous cumulative); when a counter went backwards
 *   (a reset), it adds the row's own last-call usage instead.
 * - The first row of a file that starts mid-history counts only its own call, never the
 *   history before the file (its cumulative − its last call is the baseline).
 * - `replay` rows (history a fork or sub-agent copied from its parent) move the baseline only.
 */
function accountCodexUsage(st, info, model, replay) {
    const i = obj(info);
    if (!i)
        return null;
    const total = codexTokens(i.total_token_usage);
    const last = codexTokens(i.last_token_usage);
    const zero = { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 };
    const row = (delta, counted, reason) => ({
        kind: 'token_usage',
        model,
        delta,
        cumulative: total,
        counted,
        reason
    });
    const synthetic = (t, raw) => t !== null && t.input === 0 && t.output === 0 && t.total > 0 && !isTotalOnly(raw);
    if (synthetic(total, i.total_token_usage) || (total === null && synthetic(last, i.last_token_usage)))
        return row(zero, false, 'context-full');
    if (total && isTotalOnly(i.total_token_usage))
        return totalOnlyRow(st, total.total, last, replay, row);
    if (total) {
        if (st.prevTotal === null && last && !hasNegative(subtractTokens(total, last)))
            st.prevTotal = subtractTokens(total, last);
        const prev = st.prevTotal;
        if (replay) {
            st.prevTotal = total;
            st.prevLast = last;
            return row(zero, false, 'replay');
        }
        if (prev && tokensEqual(prev, total))
            return row(zero, false, 'duplicate');
        const delta = prev ? subtractTokens(total, prev) : total;
        st.prevTotal = total;
        st.prevLast = last;
        if (!hasNegative(delta))
            return row(delta, !isZeroTokens(delta), isZeroTokens(delta) ? 'empty' : null);
        return last ? row(last, !isZeroTokens(last), 'counter-reset') : row(zero, false, 'counter-reset');
    }
    if (last) {
        if (st.prevLast && tokensEqual(st.prevLast, last))
            return row(zero, false, 'duplicate');
        st.prevLast = last;
        if (replay)
            return row(zero, false, 'replay');
        return row(last, !isZeroTokens(last), null);
    }
    return null;
}
/**
 * A row whose cumulative usage names only its total: the total moves as for any row; the split
 * stays unknown and adds nothing, and the baseline keeps the last split seen so the next full
 * row's difference covers the calls in between.
 */
function totalOnlyRow(st, total, last, replay, row) {
    if (st.prevTotal === null && last && total - last.total >= 0)
        st.prevTotal = onlyTotal(total - last.total);
    const prev = st.prevTotal;
    const moved = prev ? total - prev.total : total;
    if (replay) {
        st.prevTotal = prev ? withTotal(prev, total) : onlyTotal(total);
        return row(onlyTotal(0), false, 'replay');
    }
    if (prev && moved === 0)
        return row(onlyTotal(0), false, 'duplicate');
    st.prevTotal = prev ? withTotal(prev, total) : onlyTotal(total);
    if (moved > 0)
        return row(onlyTotal(moved), true, null);
    return last && last.total > 0 ? row(onlyTotal(last.total), true, 'counter-reset') : row(onlyTotal(0), false, 'counter-reset');
}
/** `turn.completed.usage` of `codex exec --json` is the thread's cumulative total at the end of the turn. */
function accountCumulative(st, usage, model) {
    const total = codexTokens(usage);
    if (!total)
        return null;
    const zero = { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 };
    const prev = st.prevTotal;
    if (prev && tokensEqual(prev, total))
        return { kind: 'token_usage', model, delta: zero, cumulative: total, counted: false, reason: 'duplicate' };
    let delta = prev ? subtractTokens(total, prev) : total;
    if (hasNegative(delta))
        delta = total;
    st.prevTotal = total;
    return { kind: 'token_usage', model, delta, cumulative: total, counted: !isZeroTokens(delta), reason: null };
}
/** Codex rate-limit snapshots in their three historical shapes (flat, nested, nested with credits). */
function codexRateLimits(v) {
    const r = obj(v);
    if (!r)
        return null;
    const windows = [];
    for (const slot of ['primary', 'secondary']) {
        const w = obj(r[slot]);
        if (w) {
            const resetsAt = num(w.resets_at);
            const resetsIn = num(w.resets_in_seconds);
            windows.push({
                window_minutes: num(w.window_minutes) ?? null,
                used_percent: num(w.used_percent) ?? null,
                resets_at: resetsAt !== undefined ? isoOrNull(resetsAt * 1000) : resetsIn !== undefined ? `+${resetsIn}s` : null
            });
        }
        else if (num(r[`${slot}_used_percent`]) !== undefined) {
            windows.push({
                window_minutes: num(r[`${slot}_window_minutes`]) ?? null,
                used_percent: num(r[`${slot}_used_percent`]) ?? null,
                resets_at: null
            });
        }
    }
    const plan = r.plan_type;
    return { kind: 'rate_limit', windows, plan_type: typeof plan === 'string' ? plan : null };
}

;// CONCATENATED MODULE: ./src/sources/util/patch.ts
const PATCH_HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const MOVE_TO = /^\*\*\* Move to: (.+)$/;
/**
 * Files named in an `apply_patch` envelope (`*** Begin Patch` … `*** End Patch`), the patch
 * language Codex and other agents use. Reads only the header lines, so a huge patch costs one scan.
 */
function filesInPatch(text, callId) {
    if (!text.includes('*** '))
        return [];
    const out = [];
    for (const raw of text.split('\n')) {
        const line = raw.replace(/\r$/, '');
        const h = PATCH_HEADER.exec(line);
        if (h) {
            const change = h[1] === 'Add' ? 'add' : h[1] === 'Delete' ? 'delete' : 'update';
            out.push({ kind: 'file_change', path: h[2].trim(), change, call_id: callId ?? null });
            continue;
        }
        const m = MOVE_TO.exec(line);
        if (m)
            out.push({ kind: 'file_change', path: m[1].trim(), change: 'move', call_id: callId ?? null });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sources/util/shell.ts
/**
 * The command line of a shell tool call, from the argument shapes agents use: an argv array
 * (`["bash","-lc","ls"]`), a string, or `cmd`. A `bash -lc SCRIPT` wrapper is unwrapped so the
 * first word is the program the agent ran, not the shell.
 */
function commandFromArgs(args) {
    if (typeof args !== 'object' || args === null)
        return null;
    const a = args;
    const c = a.command ?? a.cmd;
    if (typeof c === 'string')
        return c;
    if (Array.isArray(c) && c.every((x) => typeof x === 'string'))
        return unwrapShell(c);
    return null;
}
function unwrapShell(argv) {
    if (argv.length >= 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]) && /^-\w*c$/.test(argv[1]))
        return argv.slice(2).join(' ');
    return argv.join(' ');
}
/** First word of a command, without a path or env assignments: `FOO=1 /usr/bin/git status` → `git`. */
function firstWord(command) {
    const words = command.trim().split(/\s+/);
    const w = words.find((x) => !/^\w+=/.test(x)) ?? '';
    return w.split('/').pop() ?? '';
}

;// CONCATENATED MODULE: ./src/sources/codex/items.ts



/** Text blocks Codex injects into user-role messages; they are context, never a person's prompt. */
const INJECTED = /^\s*<(environment_context|user_instructions|user_shell_command|turn_aborted|permissions instructions|developer_instructions|collaboration_mode|skill|INSTRUCTIONS)[\s>]/i;
const AGENTS_MD = /^\s*# AGENTS\.md instructions for /;
/** One whole `<snake_case_tag>…</snake_case_tag>` block, the form of every context block Codex adds (`<recommended_plugins>`, `<skills_instructions>`…). */
const TAG_BLOCK = /^\s*<([a-z][a-z0-9]*_[a-z0-9_]*)(\s[^>]*)?>[\s\S]*<\/\1>\s*$/;
function isInjectedContext(text) {
    return INJECTED.test(text) || AGENTS_MD.test(text) || TAG_BLOCK.test(text);
}
/** Joins the text parts of a Responses-API `content` array and counts its images. */
function contentText(content) {
    if (typeof content === 'string')
        return { text: content, images: 0 };
    let images = 0;
    const parts = [];
    for (const p of arr(content) ?? []) {
        const o = obj(p);
        if (!o)
            continue;
        const t = str(o.text);
        if (t !== undefined)
            parts.push(t);
        if (o.type === 'input_image' || o.type === 'image')
            images++;
    }
    return { text: parts.join('\n'), images };
}
/** Exit code and duration from the output shapes Codex tools return (JSON text, `Exit code:` text). */
function parseToolOutput(output) {
    if (output.startsWith('{')) {
        const j = obj(tryParseJson(output));
        const m = obj(j?.metadata);
        if (m) {
            const d = num(m.duration_seconds);
            return { exit_code: num(m.exit_code) ?? null, duration_ms: d !== undefined ? Math.round(d * 1000) : null };
        }
    }
    const code = /^(?:Exit code|Process exited with code):? (-?\d+)/m.exec(output.slice(0, 4096));
    const wall = /^Wall time: ([\d.]+) seconds/m.exec(output.slice(0, 4096));
    return {
        exit_code: code ? Number(code[1]) : null,
        duration_ms: wall ? Math.round(Number(wall[1]) * 1000) : null
    };
}
function outputText(v) {
    if (typeof v === 'string')
        return v;
    if (Array.isArray(v))
        return contentText(v).text;
    const o = obj(v);
    if (o && typeof o.content === 'string')
        return o.content;
    return v === undefined || v === null ? '' : JSON.stringify(v);
}
/**
 * Maps one Responses-API item (a rollout `response_item` payload, or a bare legacy line) onto
 * normalized payloads. Returns null for an item type this parser does not know.
 */
function responseItemPayloads(p, ctx) {
    const type = str(p.type);
    switch (type) {
        case 'message': {
            const role = str(p.role) ?? 'unknown';
            const { text, images } = contentText(p.content);
            if (role === 'assistant') {
                // The final answer is written twice (event_msg/agent_message and this item); keep one.
                if (!ctx.promptsFromMessages && ctx.lastAgentMessage !== null && text === ctx.lastAgentMessage)
                    return [{ kind: 'other', type: 'assistant_message_copy' }];
                return [{ kind: 'assistant_message', text, phase: str(p.phase) ?? null }];
            }
            if (role === 'user' && ctx.promptsFromMessages && !isInjectedContext(text))
                return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }];
            return [{ kind: 'context_message', role, text }];
        }
        case 'reasoning': {
            const summary = (arr(p.summary) ?? []).map((s) => str(obj(s)?.text) ?? '').filter(Boolean);
            const enc = str(p.encrypted_content);
            // In envelope files the same summary was already written as event_msg/agent_reasoning.
            const text = ctx.promptsFromMessages ? summary.join('\n\n') : '';
            return [{ kind: 'reasoning', text, encrypted: Boolean(enc), encrypted_bytes: enc ? enc.length : 0 }];
        }
        case 'function_call': {
            const name = str(p.name) ?? 'unknown';
            const args = typeof p.arguments === 'string' ? p.arguments : JSON.stringify(p.arguments ?? {});
            const callId = str(p.call_id) ?? null;
            const parsed = tryParseJson(args);
            const out = [{ kind: 'tool_call', call_id: callId, name, arguments: args, command: commandFromArgs(parsed), tool_type: 'function' }];
            if (name === 'update_plan' && isObject(parsed))
                out.push(planFromArgs(parsed));
            out.push(...patchFiles(parsed, args, callId));
            return out;
        }
        case 'custom_tool_call': {
            const name = str(p.name) ?? 'unknown';
            const input = str(p.input) ?? '';
            const callId = str(p.call_id) ?? null;
            return [{ kind: 'tool_call', call_id: callId, name, arguments: input, command: null, tool_type: 'custom' }, ...filesInPatch(input, callId)];
        }
        case 'agent_message': {
            // A message another agent sent this thread (`author` is its path): input written by an agent.
            const { text } = contentText(p.content);
            return [{ kind: 'user_prompt', text, by_agent: true, images: 0 }];
        }
        case 'function_call_output':
        case 'custom_tool_call_output':
        case 'tool_search_output': {
            const output = outputText(p.output);
            return [{ kind: 'tool_result', call_id: str(p.call_id) ?? null, output, ...parseToolOutput(output), status: str(p.status) ?? null }];
        }
        case 'local_shell_call': {
            const action = obj(p.action);
            const argv = arr(action?.command)?.filter((x) => typeof x === 'string') ?? [];
            return [
                {
                    kind: 'tool_call',
                    call_id: str(p.call_id) ?? str(p.id) ?? null,
                    name: 'local_shell',
                    arguments: JSON.stringify(action ?? {}),
                    command: argv.length ? unwrapShell(argv) : null,
                    tool_type: 'local_shell'
                }
            ];
        }
        case 'web_search_call': {
            const action = obj(p.action) ?? {};
            return [{ kind: 'tool_call', call_id: str(p.id) ?? null, name: 'web_search', arguments: JSON.stringify(action), command: null, tool_type: 'web_search' }];
        }
        case 'tool_search_call':
        case 'image_generation_call': {
            const name = type === 'tool_search_call' ? 'tool_search' : 'image_generation';
            const args = JSON.stringify(p.arguments ?? p.query ?? p.revised_prompt ?? {});
            return [{ kind: 'tool_call', call_id: str(p.call_id) ?? str(p.id) ?? null, name, arguments: args, command: null, tool_type: 'other' }];
        }
        case 'ghost_snapshot':
            return [{ kind: 'marker', marker: 'snapshot', detail: str(obj(p.ghost_commit)?.id) ?? null }];
        case 'compaction':
        case 'compaction_summary':
            return [{ kind: 'compaction', text: null, encrypted: true }];
        case 'context_compaction':
            return [{ kind: 'compaction', text: str(p.summary) ?? null, encrypted: typeof p.encrypted_content === 'string' }];
        case 'additional_tools':
        case 'other':
            return [{ kind: 'other', type }];
        default:
            return null;
    }
}
function planFromArgs(a) {
    const steps = (arr(a.plan) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? '', status: str(obj(s)?.status) ?? '' }));
    return { kind: 'plan_update', explanation: str(a.explanation) ?? null, steps };
}
/** apply_patch reached through a shell call (`["apply_patch", "*** Begin Patch…"]`) or a function argument. */
function patchFiles(parsed, raw, callId) {
    if (!raw.includes('*** Begin Patch'))
        return [];
    const o = obj(parsed);
    const cmd = o?.command ?? o?.input ?? o?.patch;
    const text = Array.isArray(cmd) ? cmd.filter((x) => typeof x === 'string').join('\n') : typeof cmd === 'string' ? cmd : raw;
    return filesInPatch(text, callId);
}

;// CONCATENATED MODULE: ./src/sources/codex/turn-items.ts



/**
 * Codex's turn items (`codex-rs/protocol/src/items.rs` `TurnItem`), as 0.147 and later write them
 * in `event_msg` `item_completed` (PascalCase `type`; some builds camelCase). The same shapes
 * carry the results of `patch_apply_end` and `mcp_tool_call_end`.
 */
/** The item types whose `item_completed` marks a 0.147-or-later file. */
const TURN_ITEM_TYPES = new Set(['usermessage', 'agentmessage', 'reasoning', 'commandexecution', 'filechange']);
/** Text parts of a UserMessage (`{type:"text",text}`) or AgentMessage (`{type:"Text",text}`) content list. */
function partsText(content, join) {
    const texts = [];
    let images = 0;
    for (const part of arr(content) ?? []) {
        const o = obj(part);
        if (!o)
            continue;
        const t = str(o.text);
        if (t !== undefined)
            texts.push(t);
        else if (/image/i.test(str(o.type) ?? ''))
            images++;
    }
    return { text: texts.join(join), images };
}
/** Rust `Duration` (`{secs, nanos}`) or a millisecond count, in milliseconds. */
function durationMs(item) {
    const ms = num(item.duration_ms) ?? num(item.durationMs);
    if (ms !== undefined)
        return ms;
    const d = obj(item.duration);
    const secs = num(d?.secs);
    return secs === undefined ? null : Math.round(secs * 1000 + (num(d?.nanos) ?? 0) / 1e6);
}
function commandLine(v) {
    if (typeof v === 'string')
        return v;
    const argv = arr(v)?.filter((x) => typeof x === 'string');
    return argv?.length ? unwrapShell(argv) : null;
}
/** `{path: {type: add|delete|update, move_path?}}` (a map, as Codex writes it) or `[{path, kind}]`. */
function changedFiles(changes, callId) {
    const entries = Array.isArray(changes)
        ? changes.filter(isObject).map((c) => [str(c.path) ?? '', obj(c.kind) ?? { type: c.kind }])
        : Object.entries(obj(changes) ?? {}).map(([path, c]) => [path, obj(c) ?? {}]);
    const out = [];
    for (const [path, c] of entries) {
        if (!path)
            continue;
        const type = str(c.type) ?? Object.keys(c)[0];
        const change = type === 'add' || type === 'delete' ? type : type === 'update' ? 'update' : 'unknown';
        const moved = str(c.move_path);
        out.push({ kind: 'file_change', path, change: moved ? 'update' : change, call_id: callId });
        if (moved)
            out.push({ kind: 'file_change', path: moved, change: 'move', call_id: callId });
    }
    return out;
}
/** The text of an MCP `CallToolResult` (or the error string), never the raw JSON around it. */
function mcpResultText(result) {
    const r = obj(result);
    if (!r)
        return { output: typeof result === 'string' ? result : '', failed: false };
    const ok = 'Ok' in r ? obj(r.Ok) : 'Err' in r ? undefined : r;
    if (!ok)
        return { output: typeof r.Err === 'string' ? r.Err : JSON.stringify(r.Err ?? null), failed: true };
    const text = (arr(ok.content) ?? [])
        .map((c) => str(obj(c)?.text))
        .filter((t) => t !== undefined)
        .join('\n');
    return { output: text, failed: ok.isError === true || ok.is_error === true };
}
function commandExecution(item) {
    const id = str(item.id) ?? null;
    const command = commandLine(item.command);
    const cwd = str(item.cwd) ?? null;
    const out = str(item.aggregated_output) ?? str(item.aggregatedOutput) ?? [str(item.stdout), str(item.stderr)].filter(Boolean).join('\n');
    return [
        { kind: 'tool_call', call_id: id, name: 'shell', arguments: JSON.stringify({ command: item.command ?? null, cwd }), command, tool_type: 'local_shell' },
        {
            kind: 'tool_result',
            call_id: id,
            output: out || (str(item.formatted_output) ?? ''),
            exit_code: num(item.exit_code) ?? num(item.exitCode) ?? null,
            duration_ms: durationMs(item),
            status: str(item.status) ?? null
        }
    ];
}
/** A patch applied (FileChange item, or a `patch_apply_end` event): the call, the files, its outcome. */
function fileChange(p, callId) {
    const files = changedFiles(p.changes, callId);
    const status = str(p.status) ?? (p.success === true ? 'completed' : p.success === false ? 'failed' : null);
    const output = [str(p.stdout), str(p.stderr)].filter(Boolean).join('\n');
    return [
        {
            kind: 'tool_call',
            call_id: callId,
            name: 'apply_patch',
            arguments: JSON.stringify({ changes: files.map((f) => ({ path: f.path, change: f.change })) }),
            command: null,
            tool_type: 'file_change'
        },
        ...files,
        { kind: 'tool_result', call_id: callId, output, exit_code: null, duration_ms: null, status }
    ];
}
/** An MCP call (McpToolCall item, or an `mcp_tool_call_end` event with its `invocation`). */
function mcpCall(p, callId) {
    const inv = obj(p.invocation) ?? p;
    const name = `${str(inv.server) ?? 'mcp'}.${str(inv.tool) ?? 'unknown'}`;
    const args = typeof inv.arguments === 'string' ? inv.arguments : JSON.stringify(inv.arguments ?? {});
    const { output, failed } = p.error !== undefined && p.error !== null ? { output: str(obj(p.error)?.message) ?? String(p.error), failed: true } : mcpResultText(p.result);
    return [
        { kind: 'tool_call', call_id: callId, name, arguments: args, command: null, tool_type: 'mcp' },
        { kind: 'tool_result', call_id: callId, output, exit_code: null, duration_ms: durationMs(p), status: str(p.status) ?? (failed ? 'failed' : 'completed') }
    ];
}
/**
 * Normalized payloads for one completed turn item, or null for an item type this parser does
 * not interpret. Sub-agent and collaboration items are known but carry nothing a report shows
 * beyond the child's own file, which names its parent.
 */
function turnItemPayloads(item, ctx) {
    const type = (str(item.type) ?? '').toLowerCase();
    const id = str(item.id) ?? null;
    switch (type) {
        case 'usermessage': {
            const { text, images } = partsText(item.content, '');
            if (isInjectedContext(text))
                return [{ kind: 'context_message', role: 'user', text }];
            return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }];
        }
        case 'hookprompt': {
            const text = (arr(item.fragments) ?? []).map((f) => str(obj(f)?.text) ?? '').join('\n');
            return [{ kind: 'context_message', role: 'hook', text }];
        }
        case 'agentmessage':
            return [{ kind: 'assistant_message', text: partsText(item.content, '\n').text, phase: str(item.phase) ?? null }];
        case 'reasoning': {
            const summary = (arr(item.summary_text) ?? []).filter((s) => typeof s === 'string');
            const raw = (arr(item.raw_content) ?? []).filter((s) => typeof s === 'string');
            const text = [...summary, ...raw].join('\n\n');
            return text ? [{ kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 }] : [{ kind: 'other', type: 'reasoning_item_empty' }];
        }
        case 'plan': {
            const steps = (arr(item.plan) ?? arr(item.steps) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? str(s) ?? '', status: str(obj(s)?.status) ?? '' }));
            return [{ kind: 'plan_update', explanation: str(item.text) ?? null, steps }];
        }
        case 'commandexecution':
            return commandExecution(item);
        case 'filechange':
            return fileChange(item, id);
        case 'mcptoolcall':
            return mcpCall(item, id);
        case 'dynamictoolcall': {
            const name = [str(item.namespace), str(item.tool) ?? 'unknown'].filter(Boolean).join('.');
            return [
                { kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(item.arguments ?? {}), command: null, tool_type: 'other' },
                { kind: 'tool_result', call_id: id, output: '', exit_code: null, duration_ms: durationMs(item), status: str(item.status) ?? null }
            ];
        }
        case 'websearch':
            return [
                { kind: 'tool_call', call_id: id, name: 'web_search', arguments: JSON.stringify({ query: item.query ?? null }), command: null, tool_type: 'web_search' }
            ];
        case 'imagegeneration':
            // `result` is the image itself (base64): never copied into an event.
            return [
                { kind: 'tool_call', call_id: id, name: 'image_generation', arguments: JSON.stringify(item.revised_prompt ?? {}), command: null, tool_type: 'other' },
                { kind: 'tool_result', call_id: id, output: str(item.saved_path) ?? '', exit_code: null, duration_ms: null, status: str(item.status) ?? null }
            ];
        case 'contextcompaction':
            return [{ kind: 'marker', marker: 'context_compacted', detail: null }];
        case 'subagentactivity':
        case 'collabagenttoolcall':
        case 'sleep':
        case 'imageview':
            return [{ kind: 'other', type: `item:${type}` }];
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./src/sources/codex/events.ts




/** End events 0.147 and later persist, read only in such files (see `items`). */
const ITEM_ERA = new Set(['patch_apply_end', 'mcp_tool_call_end', 'web_search_end', 'image_generation_end']);
/** Event types Codex persists that carry nothing a report shows; kept raw as `other` without a warning. */
const QUIET = new Set([
    'sub_agent_activity',
    'thread_goal_updated',
    'exec_command_begin',
    'exec_command_end',
    'patch_apply_begin',
    'patch_apply_end',
    'mcp_tool_call_begin',
    'mcp_tool_call_end',
    'web_search_begin',
    'web_search_end',
    'view_image_tool_call',
    'plan_update',
    'thread_name_updated',
    'image_generation_end',
    'injected_message',
    'background_event',
    'stream_error',
    'session_configured',
    'turn_diff',
    'get_history_entry_response',
    'mcp_list_tools_response',
    'list_custom_prompts_response',
    'agent_message_delta',
    'agent_reasoning_delta',
    'agent_reasoning_section_break',
    'exec_approval_request',
    'apply_patch_approval_request',
    'shutdown_complete',
    'dynamic_tool_call_request',
    'dynamic_tool_call_response',
    'guardian_assessment'
]);
/**
 * Maps one Codex protocol event (a rollout `event_msg` payload, or `msg` of the legacy
 * `codex exec --json` stream) onto normalized payloads; null for an unknown type.
 */
function eventMsgPayloads(p, ctx) {
    const type = str(p.type) ?? '';
    switch (type) {
        case 'user_message': {
            const text = str(p.message) ?? '';
            const images = (arr(p.images)?.length ?? 0) + (arr(p.local_images)?.length ?? 0);
            if (isInjectedContext(text))
                return [{ kind: 'context_message', role: 'user', text }];
            return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }];
        }
        case 'agent_message': {
            const text = str(p.message) ?? '';
            ctx.onAgentMessage(text);
            return [{ kind: 'assistant_message', text, phase: str(p.phase) ?? null }];
        }
        case 'agent_reasoning':
        case 'agent_reasoning_raw_content':
            return [{ kind: 'reasoning', text: str(p.text) ?? '', encrypted: false, encrypted_bytes: 0 }];
        case 'token_count': {
            const out = [];
            const usage = accountCodexUsage(ctx.usage, p.info, ctx.model, ctx.replay);
            if (usage)
                out.push(usage);
            const rl = codexRateLimits(p.rate_limits);
            if (rl)
                out.push(rl);
            return out.length ? out : [{ kind: 'other', type: 'token_count_empty' }];
        }
        case 'turn_aborted':
            return [{ kind: 'marker', marker: 'abort', detail: str(p.reason) ?? null }];
        case 'entered_review_mode':
            return [{ kind: 'marker', marker: 'review_enter', detail: str(obj(p.target)?.type) ?? str(p.user_facing_hint) ?? null }];
        case 'exited_review_mode':
            return [{ kind: 'marker', marker: 'review_exit', detail: str(obj(p.review_output)?.overall_correctness) ?? null }];
        case 'context_compacted':
            return [{ kind: 'marker', marker: 'context_compacted', detail: null }];
        case 'undo_completed':
            return [{ kind: 'marker', marker: 'undo', detail: p.success === false ? 'failed' : 'ok' }];
        case 'thread_rolled_back':
            return [{ kind: 'marker', marker: 'rollback', detail: String(num(p.num_turns) ?? '') }];
        case 'task_started':
        case 'turn_started':
            return [{ kind: 'marker', marker: 'turn_start', detail: str(p.turn_id) ?? null }];
        case 'task_complete':
        case 'turn_complete':
            return [{ kind: 'marker', marker: 'turn_end', detail: str(p.turn_id) ?? null }];
        case 'error':
            return [{ kind: 'marker', marker: 'error', detail: str(p.message) ?? null }];
        case 'item_completed': {
            const item = obj(p.item);
            if (item && (item.type === 'Plan' || item.type === 'plan')) {
                const steps = (arr(item.plan) ?? arr(item.steps) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? str(s) ?? '', status: str(obj(s)?.status) ?? '' }));
                return [{ kind: 'plan_update', explanation: str(item.text) ?? null, steps }];
            }
            return [{ kind: 'other', type }];
        }
        default:
            if (ctx.items && ITEM_ERA.has(type))
                return itemEraEnd(type, p);
            return QUIET.has(type) ? [{ kind: 'other', type }] : null;
    }
}
function itemEraEnd(type, p) {
    const callId = str(p.call_id) ?? null;
    switch (type) {
        case 'patch_apply_end':
            return fileChange(p, callId);
        case 'mcp_tool_call_end':
            return mcpCall(p, callId);
        case 'web_search_end':
            return [
                {
                    kind: 'tool_call',
                    call_id: callId,
                    name: 'web_search',
                    arguments: JSON.stringify(obj(p.action) ?? { query: p.query ?? null }),
                    command: null,
                    tool_type: 'web_search'
                }
            ];
        default:
            // image_generation_end: `result` is the image (base64), never copied into an event.
            return [{ kind: 'tool_result', call_id: callId, output: str(p.saved_path) ?? '', exit_code: null, duration_ms: null, status: str(p.status) ?? null }];
    }
}

;// CONCATENATED MODULE: ./src/sources/util/line-parser.ts
/** A parser that starts from `saved` (the state an earlier ingest stored) or, without one, from `initial`. */
function lineParser(saved, spec) {
    const st = saved ?? spec.initial;
    return {
        push: (line, lineNo, out) => spec.push(st, line, lineNo, out),
        end: (out) => spec.end?.(st, out),
        state: () => st
    };
}

;// CONCATENATED MODULE: ./src/sources/codex/exec.ts





/** The stream's own event types; a bare `{"type":"error"}` is in it too, but any tool may write that. */
const EXEC_TYPES = /^(thread\.started|turn\.(started|completed|failed)|item\.(started|updated|completed))$/;
function itemCall(item) {
    const id = str(item.id) ?? null;
    switch (item.type) {
        case 'command_execution': {
            const command = str(item.command) ?? '';
            return [{ kind: 'tool_call', call_id: id, name: 'shell', arguments: JSON.stringify({ command }), command, tool_type: 'function' }];
        }
        case 'file_change':
            return [
                {
                    kind: 'tool_call',
                    call_id: id,
                    name: 'apply_patch',
                    arguments: JSON.stringify({ changes: item.changes ?? [] }),
                    command: null,
                    tool_type: 'file_change'
                }
            ];
        case 'mcp_tool_call': {
            const name = `${str(item.server) ?? 'mcp'}.${str(item.tool) ?? 'unknown'}`;
            const args = typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {});
            return [{ kind: 'tool_call', call_id: id, name, arguments: args, command: null, tool_type: 'mcp' }];
        }
        case 'web_search':
            return [
                { kind: 'tool_call', call_id: id, name: 'web_search', arguments: JSON.stringify({ query: item.query ?? null }), command: null, tool_type: 'web_search' }
            ];
        default:
            return [];
    }
}
function itemDone(item, st) {
    const id = str(item.id) ?? null;
    switch (item.type) {
        case 'agent_message': {
            const text = str(item.text) ?? '';
            st.lastAgentMessage = text;
            return [{ kind: 'assistant_message', text, phase: null }];
        }
        case 'reasoning':
            return [{ kind: 'reasoning', text: str(item.text) ?? '', encrypted: false, encrypted_bytes: 0 }];
        case 'command_execution':
            return [
                {
                    kind: 'tool_result',
                    call_id: id,
                    output: str(item.aggregated_output) ?? '',
                    exit_code: num(item.exit_code) ?? null,
                    duration_ms: null,
                    status: str(item.status) ?? null
                }
            ];
        case 'file_change': {
            const changes = (arr(item.changes) ?? []).map((c) => obj(c)).filter((c) => c !== undefined);
            return [
                ...changes.map((c) => {
                    const k = str(c.kind);
                    const change = k === 'add' || k === 'delete' || k === 'update' ? k : 'unknown';
                    return { kind: 'file_change', path: str(c.path) ?? '', change, call_id: id };
                }),
                { kind: 'tool_result', call_id: id, output: '', exit_code: null, duration_ms: null, status: str(item.status) ?? null }
            ];
        }
        case 'mcp_tool_call': {
            const res = item.result ?? item.error ?? null;
            return [
                {
                    kind: 'tool_result',
                    call_id: id,
                    output: res === null ? '' : JSON.stringify(res),
                    exit_code: null,
                    duration_ms: null,
                    status: str(item.status) ?? null
                }
            ];
        }
        case 'web_search':
            return [];
        case 'todo_list': {
            const steps = (arr(item.items) ?? []).map((s) => ({ step: str(obj(s)?.text) ?? '', status: obj(s)?.completed ? 'completed' : 'pending' }));
            return [{ kind: 'plan_update', explanation: null, steps }];
        }
        case 'error':
            return [{ kind: 'marker', marker: 'error', detail: str(item.message) ?? null }];
        default:
            return null;
    }
}
function exec_initialState(ctx) {
    return {
        sessionId: ctx.fallbackSessionId,
        model: null,
        usage: { prevTotal: null, prevLast: null },
        called: [],
        finished: [],
        lastAgentMessage: null
    };
}
/** `codex exec --json` output: the current `thread.*`/`item.*` stream and the 2025 `{id,msg}` form. */
function pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const emit = (payloads) => {
        for (const payload of payloads)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } });
    };
    const type = str(o.type);
    if (type === 'thread.started') {
        st.sessionId = str(o.thread_id) ?? st.sessionId;
        out.push({ type: 'session', patch: { id: st.sessionId, agent: 'codex', source: 'exec', originator: 'codex_exec', started_at: ts } });
        return emit([{ kind: 'session_meta' }]);
    }
    if (type === 'turn.started')
        return emit([{ kind: 'marker', marker: 'turn_start', detail: null }]);
    if (type === 'turn.completed') {
        const u = accountCumulative(st.usage, o.usage, st.model);
        return emit([u ?? { kind: 'marker', marker: 'turn_end', detail: null }]);
    }
    if (type === 'turn.failed')
        return emit([{ kind: 'marker', marker: 'error', detail: str(obj(o.error)?.message) ?? null }]);
    if (type === 'error')
        return emit([{ kind: 'marker', marker: 'error', detail: str(o.message) ?? null }]);
    if (type?.startsWith('item.')) {
        const item = obj(o.item);
        if (!item)
            return (out.push({ type: 'skip', line: lineNo, reason: `${type} without an item` }), undefined);
        const id = str(item.id) ?? `line-${lineNo}`;
        const payloads = [];
        if (!st.called.includes(id)) {
            const call = itemCall(item);
            if (call.length)
                st.called.push(id);
            payloads.push(...call);
        }
        if (type === 'item.completed' && !st.finished.includes(id)) {
            st.finished.push(id);
            const done = itemDone(item, st);
            if (done === null) {
                emit(payloads);
                emit([{ kind: 'other', type: `item:${str(item.type) ?? '?'}` }]);
                return (out.push({ type: 'unknown', line: lineNo, what: `item type "${str(item.type) ?? '?'}"` }), undefined);
            }
            payloads.push(...done);
        }
        return emit(payloads.length ? payloads : [{ kind: 'other', type }]);
    }
    // The 2025 form: a config summary line, a prompt line, then `{id, msg}` protocol events.
    const msg = obj(o.msg);
    if (msg) {
        const r = eventMsgPayloads(msg, {
            usage: st.usage,
            model: st.model,
            replay: false,
            byAgent: false,
            onAgentMessage: (t) => {
                st.lastAgentMessage = t;
            }
        });
        if (r)
            return emit(r);
        emit([{ kind: 'other', type: `msg:${str(msg.type) ?? '?'}` }]);
        return (out.push({ type: 'unknown', line: lineNo, what: `event type "${str(msg.type) ?? '?'}"` }), undefined);
    }
    if (typeof o.prompt === 'string')
        return emit([{ kind: 'user_prompt', text: o.prompt, by_agent: false, images: 0 }]);
    if (isConfigSummary(o)) {
        st.model = str(o.model) ?? st.model;
        const p = {
            kind: 'turn_context',
            model: str(o.model) ?? null,
            cwd: str(o.workdir) ?? null,
            approval_policy: str(o.approval) ?? null,
            sandbox_policy: str(o.sandbox) ?? null,
            effort: str(o['reasoning effort']) ?? null,
            summary: str(o['reasoning summaries']) ?? null
        };
        return emit([p]);
    }
    emit([{ kind: 'other', type: type ?? 'none' }]);
    out.push({ type: 'unknown', line: lineNo, what: `line type "${type ?? 'none'}"` });
}
function isConfigSummary(o) {
    const vals = Object.values(o);
    return 'model' in o && vals.length > 0 && vals.every((v) => typeof v === 'string');
}
function exec_sniff(head) {
    for (const o of head.parsed) {
        if (!isObject(o))
            continue;
        if (typeof o.type === 'string' && EXEC_TYPES.test(o.type) && !('payload' in o))
            return true;
        if (typeof o.id === 'string' && isObject(o.msg) && typeof o.msg.type === 'string')
            return true;
        if (isConfigSummary(o) && ('sandbox' in o || 'approval' in o || 'workdir' in o))
            return true;
    }
    return false;
}
const codexExec = {
    mode: 'lines',
    id: 'codex-exec-json',
    promptless: true,
    agent: 'codex',
    description: 'OpenAI Codex `codex exec --json` output (thread/item stream, and the 2025 {id,msg} form)',
    sniff: exec_sniff,
    createParser: (ctx, state) => lineParser(state, { initial: exec_initialState(ctx), push: pushLine })
};

;// CONCATENATED MODULE: ./src/sources/codex/copies.ts

const CALL = 1;
const RESULT = 2;
const FILES = 4;
/** Copies are written close together; a short memory keeps the stored parser state small. */
const MAX_TEXTS = 32;
const MAX_CALLS = 64;
function emptyCopies() {
    return { texts: [], calls: [] };
}
function textKey(kind, text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha1').update(kind).update('\0').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 16);
}
/** True when `text` of `kind` was already emitted from another origin (and records this one). */
function isTextCopy(st, kind, text, from) {
    const k = textKey(kind, text);
    const seen = st.texts.find((t) => t.k === k && !t.from.includes(from));
    if (seen) {
        seen.from.push(from);
        return true;
    }
    st.texts.push({ k, from: [from] });
    if (st.texts.length > MAX_TEXTS)
        st.texts.shift();
    return false;
}
function callFlags(st, id) {
    let c = st.calls.find((x) => x.id === id);
    if (!c) {
        c = { id, f: 0 };
        st.calls.push(c);
        if (st.calls.length > MAX_CALLS)
            st.calls.shift();
    }
    return c;
}
/** The text a message copy is compared on: Codex wraps images in `<image>` parts in one copy only. */
function comparable(text) {
    return text.replace(/<\/?image[^>]*>/g, '');
}
/**
 * The payloads of one line with the copies of earlier lines' records taken out. File changes of
 * a call are kept only from the first line that named them.
 */
function withoutCopies(st, payloads, from) {
    const filesBefore = new Set(st.calls.filter((c) => c.f & FILES).map((c) => c.id));
    const out = [];
    for (const p of payloads) {
        switch (p.kind) {
            case 'user_prompt':
            case 'assistant_message':
                out.push(p.text.trim() !== '' && isTextCopy(st, p.kind, comparable(p.text), from) ? { kind: 'other', type: `${p.kind}_copy` } : p);
                break;
            case 'reasoning':
                // The history copy also says how much encrypted reasoning there was: keep it, without the text.
                if (p.text.trim() === '' || !isTextCopy(st, p.kind, p.text, from))
                    out.push(p);
                else
                    out.push(p.encrypted ? { ...p, text: '' } : { kind: 'other', type: 'reasoning_copy' });
                break;
            case 'tool_call':
            case 'tool_result': {
                if (!p.call_id) {
                    out.push(p);
                    break;
                }
                const bit = p.kind === 'tool_call' ? CALL : RESULT;
                const c = callFlags(st, p.call_id);
                out.push(c.f & bit ? { kind: 'other', type: `${p.kind}_copy` } : p);
                c.f |= bit;
                break;
            }
            case 'file_change':
                if (p.call_id && filesBefore.has(p.call_id))
                    break;
                if (p.call_id)
                    callFlags(st, p.call_id).f |= FILES;
                out.push(p);
                break;
            default:
                out.push(p);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sources/codex/rollout.ts







/** The line types every envelope file is made of; only these make a file Codex's. */
const CORE_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);
/** Line types 2026 builds add; read once a file is taken, never enough to take one. */
const LATER_TYPES = new Set([
    'inter_agent_communication',
    'inter_agent_communication_metadata',
    'world_state',
    'token_usage_record',
    'security_risk_score',
    'realtime_item'
]);
/** The first CLI release that writes turn items (`item_completed`) and `world_state`. */
const ITEMS_SINCE = [0, 147];
const LEGACY_ITEM_TYPES = new Set([
    'message',
    'function_call',
    'function_call_output',
    'local_shell_call',
    'reasoning',
    'custom_tool_call',
    'custom_tool_call_output',
    'web_search_call'
]);
/** Lines copied from a parent at the top of a fork or sub-agent file are written within this window. */
const REPLAY_WINDOW_MS = 2000;
const ANY_ENVELOPE = new Set([...CORE_TYPES, ...LATER_TYPES]);
function isEnvelope(o, types = ANY_ENVELOPE) {
    return typeof o.type === 'string' && types.has(o.type) && 'payload' in o;
}
function isLegacyLine(o) {
    if (typeof o.record_type === 'string')
        return true;
    // A pi (and OpenClaw, Command Code) entry is `{type: "message", message: {role, …}}`; a Codex item has its role on the line itself.
    if (typeof o.type === 'string' && LEGACY_ITEM_TYPES.has(o.type) && !('payload' in o) && !isObject(o.message))
        return true;
    return typeof o.id === 'string' && typeof o.timestamp === 'string' && !('type' in o);
}
/** A bare Responses-API item as Codex wrote it before the envelope: its own fields, not another agent's `type: "message"`. */
function isLegacyItem(o) {
    switch (o.type) {
        case 'message':
            return typeof o.role === 'string' && Array.isArray(o.content);
        case 'function_call':
        case 'custom_tool_call':
            return typeof o.name === 'string' && typeof o.call_id === 'string';
        case 'function_call_output':
        case 'custom_tool_call_output':
            return typeof o.call_id === 'string' && 'output' in o;
        case 'local_shell_call':
            return isObject(o.action);
        case 'reasoning':
            return Array.isArray(o.summary);
        default:
            return false;
    }
}
/** `0.148.0-alpha.9` → true when at or after `ITEMS_SINCE`. */
function writesItems(version) {
    const m = /^(\d+)\.(\d+)/.exec(version ?? '');
    if (!m)
        return false;
    const [major, minor] = [Number(m[1]), Number(m[2])];
    return major > ITEMS_SINCE[0] || (major === ITEMS_SINCE[0] && minor >= ITEMS_SINCE[1]);
}
/** `source` is a string (`cli`, `exec`, `vscode`) or an object (`{"subagent":{"thread_spawn":{…}}}`). */
function describeSource(v) {
    if (typeof v === 'string')
        return v;
    const o = obj(v);
    if (!o)
        return null;
    const [k] = Object.keys(o);
    if (!k)
        return null;
    const inner = o[k];
    if (typeof inner === 'string')
        return `${k}:${inner}`;
    const innerKey = isObject(inner) ? Object.keys(inner)[0] : undefined;
    return innerKey ? `${k}:${innerKey}` : k;
}
function metaPatch(p, st) {
    const git = obj(p.git);
    const source = obj(p.source);
    const spawn = obj(obj(source?.subagent)?.thread_spawn);
    const forkedFrom = str(p.forked_from_id);
    const parentThread = str(p.parent_thread_id) ?? str(spawn?.parent_thread_id);
    const isSubagent = Boolean(source && 'subagent' in source) || str(p.thread_source) === 'subagent';
    return {
        id: st.sessionId,
        agent: 'codex',
        agent_version: str(p.cli_version) ?? null,
        originator: str(p.originator) ?? null,
        source: describeSource(p.source),
        started_at: toUtcIso(p.timestamp),
        cwd: str(p.cwd) ?? null,
        repository_url: str(git?.repository_url) ?? null,
        branch: str(git?.branch) ?? null,
        commit_sha: str(git?.commit_hash) ?? null,
        parent_id: forkedFrom ?? parentThread ?? null,
        parent_relation: forkedFrom ? 'fork' : parentThread || isSubagent ? 'subagent' : null
    };
}
function rollout_initialState(ctx) {
    return {
        sessionId: ctx.fallbackSessionId,
        metaSeen: false,
        model: null,
        usage: { prevTotal: null, prevLast: null },
        legacy: false,
        lastAgentMessage: null,
        byAgent: false,
        replayUntil: null
    };
}
function rollout_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const replay = inReplay(st, ts);
    const emit = (payloads, from) => {
        const kept = st.items && from ? withoutCopies((st.copies ??= emptyCopies()), payloads, from) : payloads;
        for (const payload of kept.length ? kept : [{ kind: 'other', type: 'copy' }])
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload, replayed: replay } });
    };
    const unknown = (what) => {
        emit([{ kind: 'other', type: what }]);
        out.push({ type: 'unknown', line: lineNo, what });
    };
    if (isEnvelope(o)) {
        const type = o.type;
        const p = obj(o.payload) ?? {};
        if (type === 'world_state' || (type === 'event_msg' && isTurnItemEvent(p)))
            st.items = true;
        switch (type) {
            case 'session_meta':
                return rollout_meta(st, p, ts, lineNo, out);
            case 'turn_context': {
                st.model = str(p.model) ?? st.model;
                const sp = obj(p.sandbox_policy);
                return emit([
                    {
                        kind: 'turn_context',
                        model: str(p.model) ?? null,
                        cwd: str(p.cwd) ?? null,
                        approval_policy: str(p.approval_policy) ?? null,
                        sandbox_policy: str(sp?.type) ?? str(sp?.mode) ?? str(p.sandbox_policy) ?? null,
                        effort: str(p.effort) ?? null,
                        summary: str(p.summary) ?? null
                    }
                ]);
            }
            case 'event_msg': {
                const eventType = str(p.type) ?? '?';
                if (eventType === 'item_completed') {
                    const item = obj(p.item) ?? {};
                    const r = turnItemPayloads(item, { byAgent: st.byAgent });
                    return r ? emit(r, 'item') : unknown(`event_msg item_completed item "${str(item.type) ?? '?'}"`);
                }
                const r = eventMsgPayloads(p, eventCtx(st, replay));
                return r ? emit(r, 'event') : unknown(`event_msg type "${eventType}"`);
            }
            case 'response_item': {
                const r = responseItemPayloads(p, {
                    promptsFromMessages: Boolean(st.items),
                    lastAgentMessage: st.items ? null : st.lastAgentMessage,
                    byAgent: st.byAgent
                });
                return r ? emit(r, 'response') : unknown(`response_item type "${str(p.type) ?? '?'}"`);
            }
            case 'compacted':
                return emit([{ kind: 'compaction', text: str(p.message) ?? null, encrypted: false }]);
            case 'inter_agent_communication':
                // A message between agents (`author` → `recipient`); its copy in history is a response item.
                return emit([{ kind: 'user_prompt', text: str(p.content) ?? '', by_agent: true, images: 0 }], 'inter-agent');
            case 'world_state':
            case 'inter_agent_communication_metadata':
                // The environment the model was shown, and a delivery flag: context, nothing to count.
                return emit([{ kind: 'other', type }]);
            default:
                return unknown(`line type "${type}"`);
        }
    }
    if (isLegacyLine(o)) {
        st.legacy = true;
        if (typeof o.record_type === 'string')
            return emit([{ kind: 'other', type: `record_type:${o.record_type}` }]);
        if (typeof o.type !== 'string')
            return rollout_meta(st, o, ts, lineNo, out);
        const r = responseItemPayloads(o, { promptsFromMessages: true, lastAgentMessage: null, byAgent: st.byAgent });
        return r ? emit(r) : unknown(`item type "${o.type}"`);
    }
    unknown(`line type "${str(o.type) ?? 'none'}"`);
}
/** An `item_completed` of a turn item only 0.147 and later write. */
function isTurnItemEvent(p) {
    return p.type === 'item_completed' && TURN_ITEM_TYPES.has((str(obj(p.item)?.type) ?? '').toLowerCase());
}
function rollout_meta(st, p, ts, lineNo, out) {
    // Codex takes the first session_meta of a file as canonical; later ones are history copies.
    if (st.metaSeen) {
        out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload: { kind: 'other', type: 'session_meta_repeat' } } });
        return;
    }
    st.metaSeen = true;
    const id = str(p.id) ?? str(p.session_id);
    if (id)
        st.sessionId = id;
    const patch = metaPatch(p, st);
    st.byAgent = patch.parent_relation === 'subagent';
    if (writesItems(patch.agent_version))
        st.items = true;
    if (patch.parent_relation) {
        const start = Date.parse(patch.started_at ?? ts ?? '');
        st.replayUntil = Number.isNaN(start) ? null : start + REPLAY_WINDOW_MS;
    }
    out.push({ type: 'session', patch });
    out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload: { kind: 'session_meta' } } });
}
function inReplay(st, ts) {
    if (st.replayUntil === null)
        return false;
    const t = ts ? Date.parse(ts) : NaN;
    if (!Number.isNaN(t) && t <= st.replayUntil)
        return true;
    // The burst is contiguous: the first line written after it closes it for good.
    st.replayUntil = null;
    return false;
}
function eventCtx(st, replay) {
    return {
        usage: st.usage,
        model: st.model,
        replay,
        byAgent: st.byAgent,
        items: Boolean(st.items),
        onAgentMessage: (t) => {
            st.lastAgentMessage = t;
        }
    };
}
/**
 * Taken on Codex's own markers only: an envelope line of one of the five core types, the
 * legacy state marker, a legacy header with Codex's header fields, or a bare item with the
 * fields Codex writes. Another agent's `{"type":"message",…}` or `{"type":"world_state",…}` is
 * not enough.
 */
function sniffRollout(head) {
    for (const o of head.parsed) {
        if (!isObject(o))
            continue;
        if (isEnvelope(o, CORE_TYPES))
            return true;
        if (o.record_type === 'state')
            return true;
        if (typeof o.type === 'string' && !('payload' in o) && isLegacyItem(o))
            return true;
        if (typeof o.id === 'string' && typeof o.timestamp === 'string' && !('type' in o)) {
            if ('instructions' in o || 'cli_version' in o || 'originator' in o || 'git' in o)
                return true;
        }
    }
    return false;
}
const codexRollout = {
    mode: 'lines',
    id: 'codex-rollout',
    agent: 'codex',
    description: 'OpenAI Codex CLI session rollout (~/.codex/sessions/**/rollout-*.jsonl), every generation',
    sniff: sniffRollout,
    createParser: (ctx, state) => lineParser(state, { initial: rollout_initialState(ctx), push: rollout_pushLine })
};

;// CONCATENATED MODULE: ./src/sources/codex/text.ts

const EXIT_LINE = /Token usage: total=([\d,]+) input=([\d,]+)(?: \(\+ ([\d,]+) cached\))? output=([\d,]+)(?: ?\(reasoning ([\d,]+)\))?/;
const RESUME = /codex resume ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
const SESSION_ID = /^\s*│?\s*session(?: id)?:\s+([0-9a-f]{8}-[0-9a-f-]{27})/i;
const VERSION = /OpenAI Codex \(?v(\d+\.\d+\.\d+[\w.-]*)/;
const TIMED_TOKENS = /^\[([^\]]+)\] tokens used: ([\d,]+)/;
const PANEL_TOKENS = /Token usage:\s+([\d.]+[KMB]?) total\s+\(([\d.]+[KMB]?) input \+ ([\d.]+[KMB]?) output\)/;
const PANEL_MODEL = /^\s*│?\s*Model:\s+([\w.:/-]+)/;
const HEADER_KV = /^(model|workdir|provider|approval|sandbox|reasoning effort):\s+(.+)$/;
function text_int(s) {
    return s === undefined ? null : Number(s.replace(/,/g, ''));
}
/** `/status` numbers are abbreviated (`1.4K`, `2M`); they are shown as approximations. */
function abbreviated(s) {
    const m = /^([\d.]+)([KMB]?)$/.exec(s);
    if (!m)
        return 0;
    const mult = m[2] === 'K' ? 1e3 : m[2] === 'M' ? 1e6 : m[2] === 'B' ? 1e9 : 1;
    return Math.round(Number(m[1]) * mult);
}
/**
 * A plain-text capture of a Codex CLI run (terminal output, CI logs). Only the usage printouts are
 * read: the exit line, `tokens used`, and `/status` panels, stored as status snapshots. Only
 * those few records are held until the end of the input, never the text itself.
 */
class CodexTextParser {
    st;
    constructor(ctx, state) {
        this.st = state ?? {
            sessionId: ctx.fallbackSessionId,
            named: false,
            model: null,
            version: null,
            cwd: null,
            awaitingTotal: false,
            pending: []
        };
    }
    state() {
        return this.st;
    }
    end(out) {
        const st = this.st;
        if (st.pending.length === 0 && !st.named)
            return;
        out.push({ type: 'session', patch: { id: st.sessionId, agent: 'codex', agent_version: st.version, cwd: st.cwd } });
        for (const p of st.pending)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts: p.ts, line: p.line, payload: p.payload, raw: p.raw } });
        st.pending = [];
    }
    push(line, lineNo) {
        const st = this.st;
        const emit = (payload, ts = null) => {
            st.pending.push({ line: lineNo, ts, raw: line, payload });
        };
        const id = SESSION_ID.exec(line)?.[1] ?? RESUME.exec(line)?.[1];
        if (id && !st.named) {
            st.sessionId = id.toLowerCase();
            st.named = true;
        }
        st.version = VERSION.exec(line)?.[1] ?? st.version;
        const kv = HEADER_KV.exec(line.trim());
        if (kv?.[1] === 'model')
            st.model = kv[2].trim();
        if (kv?.[1] === 'workdir')
            st.cwd = kv[2].trim();
        st.model = PANEL_MODEL.exec(line)?.[1] ?? st.model;
        if (st.awaitingTotal) {
            st.awaitingTotal = false;
            const n = /^\s*([\d,]+)\s*$/.exec(line);
            if (n)
                return emit(snapshot('tokens-used', { blended_total: text_int(n[1]) }, st.model));
        }
        if (/^\s*tokens used\s*$/.test(line)) {
            st.awaitingTotal = true;
            return;
        }
        const exit = EXIT_LINE.exec(line);
        if (exit) {
            const nonCached = text_int(exit[2]) ?? 0;
            const cached = text_int(exit[3]) ?? 0;
            const output = text_int(exit[4]) ?? 0;
            return emit(snapshot('exit-line', {
                input: nonCached + cached,
                cached_input: cached,
                output,
                reasoning_output: text_int(exit[5]) ?? 0,
                total: nonCached + cached + output,
                blended_total: text_int(exit[1])
            }, st.model));
        }
        const timed = TIMED_TOKENS.exec(line);
        if (timed)
            return emit(snapshot('tokens-used-line', { blended_total: text_int(timed[2]) }, st.model), toUtcIso(timed[1]));
        const panel = PANEL_TOKENS.exec(line);
        if (panel)
            return emit(snapshot('status-panel', { input: abbreviated(panel[2]), output: abbreviated(panel[3]), blended_total: abbreviated(panel[1]) }, st.model));
    }
}
function snapshot(form, n, model) {
    return {
        kind: 'status_snapshot',
        form,
        input: n.input ?? null,
        cached_input: n.cached_input ?? null,
        output: n.output ?? null,
        reasoning_output: n.reasoning_output ?? null,
        total: n.total ?? null,
        blended_total: n.blended_total ?? null,
        model
    };
}
function text_sniff(head) {
    if (head.parsed.some((p) => p !== undefined))
        return false;
    return (EXIT_LINE.test(head.text) ||
        /^\s*tokens used\s*$/m.test(head.text) ||
        /OpenAI Codex v\d/.test(head.text) ||
        TIMED_TOKENS.test(head.text) ||
        PANEL_TOKENS.test(head.text));
}
const text_codexText = {
    mode: 'lines',
    id: 'codex-text',
    promptless: true,
    agent: 'codex',
    description: 'Plain-text output of a Codex CLI run: the exit `Token usage:` line, `tokens used`, `/status` panels',
    sniff: text_sniff,
    createParser: (ctx, state) => new CodexTextParser(ctx, state)
};

;// CONCATENATED MODULE: ./src/sources/codex/index.ts




;// CONCATENATED MODULE: ./src/sources/copilot/requests.ts


function nothingSentYet() {
    return { prompt: false, reply: false, calls: [], tokens: false };
}
/** `copilot/gpt-4o` → `gpt-4o`: the prefix names the vendor Copilot routes through, not a model. */
function copilotModel(r) {
    const resolved = str(obj(obj(r.result)?.metadata)?.resolvedModel);
    if (resolved)
        return resolved;
    const id = str(r.modelId);
    return id ? id.replace(/^copilot\//, '') : null;
}
/**
 * Token counts by extension version: none (≤ 0.31), `result.usage {promptTokens,
 * completionTokens}` (0.37), `result.metadata {promptTokens, outputTokens}` (newer).
 * `promptTokens` is the whole context of the turn; Copilot reports no cache split.
 */
function copilotTokens(r) {
    const result = obj(r.result);
    const usage = obj(result?.usage);
    const meta = obj(result?.metadata);
    const input = num(usage?.promptTokens) ?? num(meta?.promptTokens);
    const output = num(usage?.completionTokens) ?? num(meta?.outputTokens) ?? num(meta?.completionTokens);
    if (input === undefined && output === undefined)
        return null;
    const i = input ?? 0;
    const o = output ?? 0;
    return { input: i, cached_input: 0, cache_write: 0, output: o, reasoning_output: 0, total: i + o };
}
/** Text leaves of a tool result (a serialized prompt-tsx tree or plain parts). */
function collectText(v, out, depth = 0) {
    if (depth > 40)
        return;
    if (typeof v === 'string')
        return void out.push(v);
    if (Array.isArray(v))
        return v.forEach((x) => collectText(x, out, depth + 1));
    const o = obj(v);
    if (!o)
        return;
    for (const [k, x] of Object.entries(o)) {
        if (k === 'references' || k === 'props' || k === '$mid')
            continue;
        if ((k === 'text' || k === 'value') && typeof x === 'string')
            out.push(x);
        else if (typeof x === 'object')
            collectText(x, out, depth + 1);
    }
}
function isComplete(r) {
    return isObject(r.result) || r.isCanceled === true;
}
/** Tool calls the model made: `toolCallRounds` names them with their arguments; the response parts are the UI's view of the same calls. */
function modelToolCalls(r) {
    const meta = obj(obj(r.result)?.metadata);
    const rounds = arr(meta?.toolCallRounds);
    if (rounds) {
        return rounds.flatMap((rd) => (arr(obj(rd)?.toolCalls) ?? []).map((c, i) => {
            const o = obj(c) ?? {};
            const name = str(o.name) ?? 'unknown';
            return {
                id: str(o.id) ?? `${str(obj(rd)?.id) ?? 'round'}:${i}`,
                name,
                args: typeof o.arguments === 'string' ? o.arguments : JSON.stringify(o.arguments ?? {})
            };
        }));
    }
    return (arr(r.response) ?? [])
        .map((p) => obj(p))
        .filter((p) => p?.kind === 'toolInvocationSerialized')
        .map((p, i) => ({ id: str(p.toolCallId) ?? `part:${i}`, name: str(p.toolId) ?? 'unknown', args: JSON.stringify(obj(p.toolSpecificData) ?? {}) }));
}
function callPayloads(r, sent) {
    const out = [];
    const results = obj(obj(obj(r.result)?.metadata)?.toolCallResults);
    for (const c of modelToolCalls(r)) {
        if (sent.calls.includes(c.id))
            continue;
        sent.calls.push(c.id);
        const command = commandFromArgs(tryParseJson(c.args));
        const tool_type = c.name.startsWith('mcp_') ? 'mcp' : 'function';
        out.push({ payload: { kind: 'tool_call', call_id: c.id, name: c.name, arguments: c.args, command, tool_type }, dedupe_key: `copilot-chat:call:${c.id}` });
        const res = results?.[c.id];
        if (res !== undefined) {
            const texts = [];
            collectText(obj(res)?.content ?? res, texts);
            out.push({ payload: { kind: 'tool_result', call_id: c.id, output: texts.join(''), exit_code: null, duration_ms: null, status: null } });
        }
    }
    return out;
}
function replyPayloads(r, ctx) {
    const out = [];
    const model = copilotModel(r);
    if (model && model !== ctx.model) {
        ctx.model = model;
        out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } });
    }
    const text = [];
    const edited = new Set();
    for (const p of arr(r.response) ?? []) {
        const o = obj(p);
        if (!o)
            continue;
        if (o.kind === undefined && typeof o.value === 'string')
            text.push(o.value);
        else if (o.kind === 'thinking') {
            const v = typeof o.value === 'string' ? o.value : (arr(o.value) ?? []).filter((x) => typeof x === 'string').join('');
            if (v)
                out.push({ payload: { kind: 'reasoning', text: v, encrypted: false, encrypted_bytes: 0 } });
        }
        else if (o.kind === 'textEditGroup') {
            const path = str(obj(o.uri)?.path) ?? str(obj(o.uri)?.fsPath);
            if (path)
                edited.add(path);
        }
    }
    if (text.join('').trim() !== '')
        out.push({ payload: { kind: 'assistant_message', text: text.join(''), phase: null } });
    for (const path of edited)
        out.push({ payload: { kind: 'file_change', path, change: 'update', call_id: null } });
    if (r.isCanceled === true)
        out.push({ payload: { kind: 'marker', marker: 'abort', detail: 'request cancelled' } });
    const err = obj(obj(r.result)?.errorDetails);
    if (err)
        out.push({ payload: { kind: 'marker', marker: 'error', detail: str(err.message) ?? null } });
    return out;
}
/**
 * Normalized payloads for one `requests[]` entry, minus what `sent` says was already emitted
 * (`sent` is updated). The reply, calls and tokens wait until the request has a result, so a
 * request caught mid-response is completed on a later ingest instead of being cut short.
 */
function requestPayloads(r, sent, ctx) {
    const out = [];
    const rid = str(r.requestId);
    if (!sent.prompt) {
        sent.prompt = true;
        const msg = obj(r.message);
        const vars = arr(obj(r.variableData)?.variables) ?? [];
        const images = vars.filter((v) => obj(v)?.kind === 'image' || obj(v)?.isImage === true).length;
        const payload = { kind: 'user_prompt', text: str(msg?.text) ?? '', by_agent: false, images };
        out.push({ payload, dedupe_key: rid ? `copilot-chat:prompt:${rid}` : null });
    }
    if (!isComplete(r))
        return out;
    if (!sent.reply) {
        sent.reply = true;
        out.push(...replyPayloads(r, ctx));
    }
    out.push(...callPayloads(r, sent));
    const t = copilotTokens(r);
    if (t && !sent.tokens) {
        sent.tokens = true;
        out.push({
            payload: { kind: 'token_usage', model: copilotModel(r), delta: t, cumulative: null, counted: t.total > 0, reason: t.total > 0 ? null : 'empty' },
            dedupe_key: rid ? `copilot-chat:tokens:${rid}` : null
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sources/copilot/oplog.ts




/** Session facts from an `ISerializableChatData` (a `.json` snapshot or the replayed log). */
function copilotPatch(doc, sessionId) {
    const first = obj((arr(doc.requests) ?? [])[0]);
    return {
        id: sessionId,
        agent: 'copilot-chat',
        agent_version: str(obj(first?.agent)?.extensionVersion) ?? null,
        originator: 'vscode',
        source: str(doc.initialLocation) ?? null,
        started_at: toUtcIso(doc.creationDate),
        ended_at: toUtcIso(doc.lastMessageDate),
        title: str(doc.customTitle) ?? null
    };
}
/** Emits every request of a chat state with what `sent` does not already hold. */
function emitRequests(doc, ctx, sent, lineOf, out) {
    ;
    (arr(doc.requests) ?? []).forEach((r, i) => {
        if (!isObject(r))
            return;
        const rid = str(r.requestId) ?? `#${i}`;
        const s = sent[rid] ?? nothingSentYet();
        const items = requestPayloads(r, s, ctx);
        sent[rid] = s;
        if (items.length)
            emitRecord(out, ctx.sessionId, lineOf(rid, i), toUtcIso(r.timestamp), items, JSON.stringify(r));
    });
}
function isKeyPath(v) {
    return Array.isArray(v) && v.every((k) => typeof k === 'string' || typeof k === 'number');
}
/** The container at `path`, creating objects on the way when `create` is set. */
function walk(root, path, create) {
    let cur = root;
    for (const k of path) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        const c = cur;
        if ((c[k] === undefined || c[k] === null) && create)
            c[k] = {};
        cur = c[k];
    }
    return cur !== null && typeof cur === 'object' ? cur : undefined;
}
/** The mutation log always starts with a kind 0 record holding a full chat state. */
function sniffOpLog(head) {
    const first = head.parsed[0];
    if (!isObject(first) || first.kind !== 0)
        return false;
    const v = obj(first.v);
    return v !== undefined && Array.isArray(v.requests) && ('sessionId' in v || 'version' in v);
}
/**
 * The `.jsonl` mutation log (`objectMutationLog.ts`): kind 0 Initial (a full state, and a reset
 * whenever it reappears), 1 Set, 2 Push (`i` truncates first), 3 Delete. Lines are replayed into
 * the state and nothing is emitted until `end()`, so a request that a later line removes (a
 * reset, an undo that truncates `requests`) is never counted. Requests already emitted by an
 * earlier ingest are remembered by id and only their new parts are added.
 */
class CopilotOpLogParser {
    st;
    constructor(ctx, state) {
        this.st = state ?? { ctx: { sessionId: ctx.fallbackSessionId, model: null }, doc: null, sent: {}, touched: {} };
    }
    state() {
        return this.st;
    }
    push(line, lineNo, out) {
        let o;
        try {
            o = JSON.parse(line);
        }
        catch {
            return void out.push({ type: 'skip', line: lineNo, reason: 'malformed JSON' });
        }
        if (!isObject(o) || typeof o.kind !== 'number')
            return void out.push({ type: 'skip', line: lineNo, reason: 'not a mutation record' });
        const st = this.st;
        if (o.kind === 0) {
            if (!isObject(o.v))
                return void out.push({ type: 'skip', line: lineNo, reason: 'Initial record without a state object' });
            st.doc = o.v;
            st.ctx.sessionId = str(o.v.sessionId) ?? st.ctx.sessionId;
            for (const [i, r] of (arr(o.v.requests) ?? []).entries())
                st.touched[this.rid(r, i)] = lineNo;
            return;
        }
        if (!st.doc || !isKeyPath(o.k) || o.k.length === 0)
            return void out.push({ type: 'skip', line: lineNo, reason: `kind ${o.kind} record before an Initial state or without a key path` });
        this.apply(st.doc, o.kind, o.k, o.v, o.i, lineNo, out);
        this.touch(o.k, o.kind, o.v, lineNo);
    }
    end(out) {
        const st = this.st;
        if (!st.doc)
            return;
        out.push({ type: 'session', patch: copilotPatch(st.doc, st.ctx.sessionId) });
        emitRequests(st.doc, st.ctx, st.sent, (rid) => st.touched[rid] ?? 1, out);
    }
    rid(r, i) {
        return str(obj(r)?.requestId) ?? `#${i}`;
    }
    apply(doc, kind, k, v, i, lineNo, out) {
        const parent = walk(doc, k.slice(0, -1), kind !== 3);
        const last = k[k.length - 1];
        if (!parent)
            return void out.push({ type: 'skip', line: lineNo, reason: `path ${JSON.stringify(k)} does not exist` });
        const p = parent;
        if (kind === 1)
            p[last] = v;
        else if (kind === 3)
            delete p[last];
        else if (kind === 2) {
            if (!Array.isArray(p[last]))
                p[last] = [];
            const list = p[last];
            if (typeof i === 'number')
                list.length = Math.min(list.length, i);
            if (Array.isArray(v))
                list.push(...v);
        }
        else
            out.push({ type: 'skip', line: lineNo, reason: `unknown mutation kind ${kind}` });
    }
    touch(k, kind, v, lineNo) {
        if (k[0] !== 'requests' || !this.st.doc)
            return;
        const reqs = arr(this.st.doc.requests) ?? [];
        if (k.length === 1 && kind === 2) {
            const n = Array.isArray(v) ? v.length : 0;
            for (let j = reqs.length - n; j < reqs.length; j++)
                this.st.touched[this.rid(reqs[j], j)] = lineNo;
        }
        else if (typeof k[1] === 'number' && reqs[k[1]] !== undefined)
            this.st.touched[this.rid(reqs[k[1]], k[1])] = lineNo;
    }
}
const copilotOpLog = {
    mode: 'lines',
    id: 'copilot-chat-oplog',
    agent: 'copilot-chat',
    description: 'GitHub Copilot Chat (VS Code) session mutation log (chatSessions/<session>.jsonl, kinds 0 to 3)',
    sniff: sniffOpLog,
    createParser: (ctx, state) => new CopilotOpLogParser(ctx, state)
};

;// CONCATENATED MODULE: ./src/sources/copilot/snapshot.ts


/** `ISerializableChatData` v3: pretty-printed or on one line, with `requests` and Copilot's usernames. */
function sniffSnapshot(head) {
    const text = head.text.trimStart();
    if (!text.startsWith('{'))
        return false;
    const first = head.parsed[0];
    if (isObject(first))
        return typeof first.version === 'number' && Array.isArray(first.requests) && typeof first.kind !== 'number';
    return /"version"\s*:\s*\d/.test(text) && /"requests"\s*:\s*\[/.test(text) && /"(responderUsername|requesterUsername|initialLocation)"\s*:/.test(text);
}
function parseSnapshot(text, ctx, out) {
    const doc = JSON.parse(text);
    if (!isObject(doc))
        throw new Error('not a JSON object');
    const c = { sessionId: str(doc.sessionId) ?? ctx.fallbackSessionId, model: null };
    out.push({ type: 'session', patch: copilotPatch(doc, c.sessionId) });
    emitRequests(doc, c, {}, (_rid, i) => i + 1, out);
}
const copilotSnapshot = {
    mode: 'document',
    id: 'copilot-chat-snapshot',
    agent: 'copilot-chat',
    description: 'GitHub Copilot Chat (VS Code) session snapshot, v3 JSON (workspaceStorage/<id>/chatSessions/<session>.json)',
    sniff: sniffSnapshot,
    parseDocument: parseSnapshot
};

;// CONCATENATED MODULE: ./src/sources/copilot/transcript.ts





function call(id, name, args) {
    const a = typeof args === 'string' ? args : JSON.stringify(args ?? {});
    const command = commandFromArgs(typeof args === 'string' ? tryParseJson(args) : args);
    return { kind: 'tool_call', call_id: id, name, arguments: a, command, tool_type: 'function' };
}
/** The transcript stream opens with `session.start` from `copilot-agent` inside VS Code. */
function transcript_sniffTranscript(head) {
    return head.parsed.some((o) => {
        if (!isObject(o) || o.type !== 'session.start')
            return false;
        const d = obj(o.data);
        return d !== undefined && typeof d.vscodeVersion === 'string' && (d.producer === undefined || d.producer === 'copilot-agent');
    });
}
/**
 * The Copilot Chat "transcripts" event stream (VS Code ≈1.119 / Copilot Chat ≈0.47):
 * `{type, data, id, timestamp, parentId}` lines. It records no tokens and no model (those sit
 * in `debug-logs/<session>/models.json`, which this reader does not open).
 */
function transcript_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const d = obj(o.data) ?? {};
    const type = str(o.type) ?? 'none';
    const emit = (payloads) => {
        for (const payload of payloads)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } });
    };
    const newCall = (id, name, args) => {
        if (id && st.calls.includes(id))
            return [];
        if (id)
            st.calls.push(id);
        return [call(id, name, args)];
    };
    switch (type) {
        case 'session.start':
            st.sessionId = str(d.sessionId) ?? st.sessionId;
            out.push({
                type: 'session',
                patch: {
                    id: st.sessionId,
                    agent: 'copilot-chat',
                    agent_version: str(d.copilotVersion) ?? null,
                    originator: 'vscode',
                    source: 'transcript',
                    started_at: toUtcIso(d.startTime) ?? ts
                }
            });
            return emit([{ kind: 'session_meta' }]);
        case 'user.message':
            return emit([
                { kind: 'user_prompt', text: str(d.content) ?? '', by_agent: false, images: (arr(d.attachments) ?? []).filter((a) => obj(a)?.type === 'image').length }
            ]);
        case 'assistant.turn_start':
            return emit([{ kind: 'marker', marker: 'turn_start', detail: str(d.turnId) ?? null }]);
        case 'assistant.turn_end':
            return emit([{ kind: 'marker', marker: 'turn_end', detail: str(d.turnId) ?? null }]);
        case 'assistant.message': {
            const text = str(d.content) ?? '';
            const payloads = text.trim() ? [{ kind: 'assistant_message', text, phase: null }] : [];
            for (const r of arr(d.toolRequests) ?? []) {
                const q = obj(r) ?? {};
                payloads.push(...newCall(str(q.toolCallId) ?? null, str(q.name) ?? 'unknown', q.arguments));
            }
            return emit(payloads.length ? payloads : [{ kind: 'other', type }]);
        }
        case 'tool.execution_start': {
            const p = newCall(str(d.toolCallId) ?? null, str(d.toolName) ?? 'unknown', d.arguments);
            return emit(p.length ? p : [{ kind: 'other', type }]);
        }
        case 'tool.execution_complete': {
            const res = d.result;
            const output = typeof res === 'string' ? res : (str(obj(res)?.content) ?? (res === undefined ? '' : JSON.stringify(res)));
            const status = d.success === true ? 'success' : d.success === false ? 'error' : null;
            return emit([{ kind: 'tool_result', call_id: str(d.toolCallId) ?? null, output, exit_code: null, duration_ms: null, status }]);
        }
        default:
            emit([{ kind: 'other', type }]);
    }
}
const copilotTranscript = {
    mode: 'lines',
    id: 'copilot-chat-transcript',
    agent: 'copilot-chat',
    description: 'GitHub Copilot Chat (VS Code) transcript event stream (GitHub.copilot-chat/transcripts/<session>.jsonl)',
    sniff: transcript_sniffTranscript,
    createParser: (ctx, state) => lineParser(state, { initial: { sessionId: ctx.fallbackSessionId, calls: [] }, push: transcript_pushLine })
};

;// CONCATENATED MODULE: ./src/sources/copilot/index.ts




/** Every Copilot Chat format, for registration. */
const copilotSources = [copilotSnapshot, copilotOpLog, copilotTranscript];

;// CONCATENATED MODULE: ./src/sources/copilot-cli/known-events.ts
/**
 * Copilot CLI event types this reader knows and deliberately does not interpret (hooks, notices,
 * streaming deltas, sub-agent and MCP bookkeeping, permissions, …): they are stored raw as `other`.
 * The names are those of the session event schema GitHub publishes with its Copilot SDK
 * (github/copilot-sdk, `nodejs/src/generated/session-events.ts`, commit cc0438d66e3e, Aug 2026),
 * less the types `events.ts` reads. A type in neither is reported as unknown: a change of the format.
 */
const known_events_KNOWN_UNINTERPRETED = new Set([
    'assistant.idle',
    'assistant.intent',
    'assistant.message_delta',
    'assistant.message_start',
    'assistant.reasoning',
    'assistant.reasoning_delta',
    'assistant.server_tool_progress',
    'assistant.streaming_delta',
    'assistant.tool_call_delta',
    'assistant.usage',
    'auto_mode_switch.completed',
    'auto_mode_switch.requested',
    'capabilities.changed',
    'command.completed',
    'command.execute',
    'command.queued',
    'commands.changed',
    'elicitation.completed',
    'elicitation.requested',
    'exit_plan_mode.completed',
    'exit_plan_mode.requested',
    'external_tool.completed',
    'external_tool.requested',
    'factory.run_settled',
    'factory.run_started',
    'factory.run_updated',
    'hook.end',
    'hook.progress',
    'hook.start',
    'mcp.headers_refresh_completed',
    'mcp.headers_refresh_required',
    'mcp.oauth_completed',
    'mcp.oauth_required',
    'mcp.prompts.list_changed',
    'mcp.resources.list_changed',
    'mcp.tools.list_changed',
    'mcp_app.tool_call_complete',
    'model.call_failure',
    'pending_messages.modified',
    'permission.completed',
    'permission.requested',
    'sampling.completed',
    'sampling.requested',
    'session.auto_mode_resolved',
    'session.autopilot_objective_changed',
    'session.background_tasks_changed',
    'session.binary_asset',
    'session.canvas.closed',
    'session.canvas.opened',
    'session.canvas.recorded',
    'session.canvas.registry_changed',
    'session.canvas.removed',
    'session.canvas.unavailable',
    'session.compaction_start',
    'session.context_cleared',
    'session.custom_agents_updated',
    'session.custom_notification',
    'session.extensions.attachments_pushed',
    'session.extensions_loaded',
    'session.handoff',
    'session.idle',
    'session.info',
    'session.managed_settings_enforced',
    'session.managed_settings_resolved',
    'session.mcp_server_status_changed',
    'session.mcp_servers_loaded',
    'session.mode_changed',
    'session.permissions_changed',
    'session.plan_changed',
    'session.remote_steerable_changed',
    'session.schedule_cancelled',
    'session.schedule_created',
    'session.schedule_rearmed',
    'session.session_limits_changed',
    'session.skills_loaded',
    'session.snapshot_rewind',
    'session.task_complete',
    'session.title_changed',
    'session.todos_changed',
    'session.tools_updated',
    'session.truncation',
    'session.usage_checkpoint',
    'session.usage_info',
    'session.warning',
    'session.workspace_file_changed',
    'session_limits_exhausted.completed',
    'session_limits_exhausted.requested',
    'skill.invoked',
    'subagent.completed',
    'subagent.deselected',
    'subagent.failed',
    'subagent.selected',
    'subagent.started',
    'system.notification',
    'tool.execution_partial_result',
    'tool.execution_progress',
    'tool.user_requested',
    'tool_search.activated',
    'ui.ephemeral_query',
    'user_input.completed',
    'user_input.requested'
]);

;// CONCATENATED MODULE: ./src/sources/copilot-cli/tools.ts



/** Tool arguments arrive as an object (current CLI) or as a JSON string (older `toolRequests`). */
function toolArgs(args) {
    return typeof args === 'string' ? (tryParseJson(args) ?? args) : args;
}
const SHELL_TOOLS = new Set(['bash', 'powershell', 'shell']);
function toolCall(id, name, args) {
    const text = typeof args === 'string' ? args : JSON.stringify(args ?? {});
    const command = SHELL_TOOLS.has(name) ? commandFromArgs(toolArgs(args)) : null;
    return { kind: 'tool_call', call_id: id, name, arguments: text, command, tool_type: 'function' };
}
/**
 * The files a tool call writes, known from its arguments: `create` adds a file, `edit` changes
 * one, `str_replace_editor` (older CLIs) does either by its `command`, and `apply_patch` (GPT
 * models) names its files in the patch. Reads (`view`) touch nothing.
 */
function writtenFiles(id, name, args) {
    const a = toolArgs(args);
    if (name === 'apply_patch') {
        const patch = typeof a === 'string' ? a : (str(obj(a)?.input) ?? str(obj(a)?.patch) ?? '');
        return filesInPatch(patch, id);
    }
    const o = obj(a);
    const path = str(o?.path);
    if (!path)
        return [];
    const change = name === 'create' ? 'add' : name === 'edit' ? 'update' : name === 'str_replace_editor' ? editorChange(str(o?.command)) : null;
    return change ? [{ kind: 'file_change', path, change, call_id: id }] : [];
}
function editorChange(command) {
    if (command === 'create')
        return 'add';
    if (command === 'str_replace' || command === 'insert' || command === 'undo_edit')
        return 'update';
    return null;
}
/** `success` on current CLIs; some logs only carry the result's type (`resultType` / `result_type`). */
function succeeded(d) {
    if (typeof d.success === 'boolean')
        return d.success;
    const r = obj(d.result);
    return (str(r?.resultType) ?? str(r?.result_type)) === 'success';
}
/** What a tool returned: `result.content` (the text the model saw), else the result as JSON. */
function toolResult(id, d) {
    const res = d.result;
    const error = obj(d.error);
    const output = typeof res === 'string' ? res : (str(obj(res)?.content) ?? str(error?.message) ?? (res === undefined ? '' : JSON.stringify(res)));
    const status = succeeded(d) ? 'success' : d.success === false ? 'error' : null;
    return { kind: 'tool_result', call_id: id, output, exit_code: null, duration_ms: null, status };
}

;// CONCATENATED MODULE: ./src/sources/copilot-cli/usage.ts



/**
 * One model's `usage` from `session.shutdown.modelMetrics`. Copilot CLI's `inputTokens` is the
 * whole prompt, cache reads and writes included (in the real logs it equals fresh input +
 * `cacheReadTokens` + `cacheWriteTokens` of `tokenDetails`); a log whose input is smaller than its
 * cache figures counted them apart, and they are added back. `outputTokens` includes reasoning.
 */
function copilotCliTokens(v) {
    const u = obj(v);
    if (!u)
        return null;
    const reported = tokenCount(u.inputTokens, 'inputTokens') ?? 0;
    const read = tokenCount(u.cacheReadTokens, 'cacheReadTokens') ?? 0;
    const write = tokenCount(u.cacheWriteTokens, 'cacheWriteTokens') ?? 0;
    const output = tokenCount(u.outputTokens, 'outputTokens') ?? 0;
    const reasoning = tokenCount(u.reasoningTokens, 'reasoningTokens') ?? 0;
    const input = reported >= read + write ? reported : reported + read + write;
    return { input, cached_input: read, cache_write: write, output, reasoning_output: reasoning, total: input + output };
}
/** Each field of `now` at least the same field of `before`: the counters went on, not back to zero. */
function grew(now, before) {
    return Object.keys(now).every((k) => now[k] >= before[k]);
}
function minus(now, before) {
    const d = { ...now };
    for (const k of Object.keys(d))
        d[k] -= before[k];
    return d;
}
/**
 * The usage rows of one `session.shutdown`: one per model. A shutdown's counters hold what the
 * session used so far, the parts before a resume included (seen on a real three-part session of
 * 1.0.80 and in captures of 1.0.91, see docs/sources.md), so each row is what the model used
 * since the session's previous shutdown. A model whose counters went back (an older CLI that
 * counted each part alone, or a reset) is taken as it stands. `previous` holds the last counters
 * of each model and is updated.
 */
function shutdownUsage(modelMetrics, previous = {}) {
    const metrics = obj(modelMetrics) ?? {};
    const out = [];
    for (const [model, m] of Object.entries(metrics)) {
        const now = copilotCliTokens(obj(m)?.usage);
        if (!now)
            continue;
        const before = previous[model];
        const t = before && grew(now, before) ? minus(now, before) : now;
        previous[model] = now;
        const empty = isZeroTokens(t);
        out.push({ kind: 'token_usage', model, delta: t, cumulative: now, counted: !empty, reason: empty ? 'empty' : null });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sources/copilot-cli/events.ts





const events_initialState = (sessionId) => ({ sessionId, calls: [], writes: [], model: null, segment: null, prompts: 0 });
/**
 * The key of the session's n-th prompt the person typed (from 0), the same in `events.jsonl` and in
 * `session-store.db`, whose `turns.turn_index` counts them so: whichever is read second finds its
 * prompt already stored and does not count it again.
 */
const promptKey = (sessionId, n) => `copilot-cli:${sessionId}:prompt:${n}`;
const NO_SHUTDOWN = 'usage not recorded: no session.shutdown';
function missingUsage(seg, why) {
    return {
        kind: 'marker',
        marker: 'error',
        detail: `${NO_SHUTDOWN} for the part of the session from line ${seg.line} (Copilot CLI writes usage only on a clean exit; ${why})`
    };
}
/** A segment that ends unrecorded says so once; a segment in which no model answered used nothing. */
function closeSegment(st, why) {
    const seg = st.segment;
    st.segment = null;
    return seg && seg.answered && !seg.noted ? [missingUsage(seg, why)] : [];
}
/** `context.repository` is `owner/name`; with a known host it becomes a remote the scope can match. */
function repositoryUrl(ctx) {
    const repo = str(ctx.repository);
    if (!repo)
        return null;
    const host = str(ctx.repositoryHost) ?? (ctx.hostType === 'github' ? 'github.com' : undefined);
    return host ? `${host}/${repo}` : null;
}
/** Where the session ran: `session.start`, `session.resume` and `session.context_changed` carry it. */
function placePatch(st, context) {
    const ctx = obj(context) ?? {};
    return {
        id: st.sessionId,
        agent: 'copilot-cli',
        cwd: str(ctx.cwd) ?? null,
        branch: str(ctx.branch) || null,
        commit_sha: str(ctx.headCommit) || null,
        repository_url: repositoryUrl(ctx)
    };
}
function sessionPatch(st, d, ts) {
    return {
        ...placePatch(st, d.context),
        agent_version: str(d.copilotVersion) ?? null,
        originator: 'copilot-cli',
        source: 'session-state',
        started_at: toUtcIso(d.startTime) ?? ts
    };
}
function events_modelChange(st, model, cwd = null) {
    if (!model || model === st.model)
        return [];
    st.model = model;
    return [{ kind: 'turn_context', model, cwd }];
}
function newCall(st, id, name, args) {
    if (id && st.calls.includes(id)) {
        st.calls = st.calls.filter((c) => c !== id);
        return [];
    }
    const changes = writtenFiles(id, name, args);
    if (id && changes.length > 0 && !st.writes.some((w) => w.id === id))
        st.writes.push({ id, changes });
    return [toolCall(id, name, args), ...subAgentPrompt(name, args)];
}
/** A `task` call starts a sub-agent in the same log: its `prompt` is a prompt an agent wrote, not the person. */
function subAgentPrompt(name, args) {
    const text = name === 'task' ? str(obj(toolArgs(args))?.prompt) : undefined;
    return text ? [{ kind: 'user_prompt', text, by_agent: true, images: 0 }] : [];
}
function assistantMessage(st, d, type) {
    const out = [...events_modelChange(st, str(d.model))];
    if (st.segment)
        st.segment.answered = true;
    const reasoning = str(d.reasoningText) ?? '';
    const opaque = str(d.reasoningOpaque) ?? str(d.encryptedContent) ?? '';
    if (reasoning.trim() || opaque)
        out.push({ kind: 'reasoning', text: reasoning, encrypted: opaque !== '', encrypted_bytes: opaque.length });
    const text = str(d.content) ?? '';
    if (text.trim())
        out.push({ kind: 'assistant_message', text, phase: str(d.parentToolCallId) ? 'subagent' : null });
    for (const r of arr(d.toolRequests) ?? []) {
        const q = obj(r) ?? {};
        const id = str(q.toolCallId) ?? null;
        const calls = newCall(st, id, str(q.name) ?? 'unknown', q.arguments);
        if (id && calls.length > 0)
            st.calls.push(id);
        out.push(...calls);
    }
    return out.length > 0 ? out : [{ kind: 'other', type }];
}
function toolComplete(st, d) {
    const id = str(d.toolCallId) ?? null;
    const out = [toolResult(id, d)];
    const pending = id ? st.writes.find((w) => w.id === id) : undefined;
    if (pending) {
        st.writes = st.writes.filter((w) => w !== pending);
        if (succeeded(d))
            out.push(...pending.changes);
    }
    return out;
}
/**
 * One line of `~/.copilot/session-state/<id>/events.jsonl`: `{type, data, id, timestamp,
 * parentId}`. Prompts, replies, reasoning, tool calls and results, models, and the per-model usage
 * of each `session.shutdown`, which the CLI writes only on a clean exit.
 */
function events_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const d = obj(o.data) ?? {};
    const type = str(o.type) ?? 'none';
    const emit = (payloads) => {
        for (const payload of payloads)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } });
    };
    switch (type) {
        case 'session.start':
        case 'session.resume': {
            const before = closeSegment(st, 'it was resumed without one');
            if (type === 'session.start')
                st.sessionId = str(d.sessionId) ?? st.sessionId;
            st.segment = { line: lineNo, answered: false, noted: false };
            out.push({ type: 'session', patch: type === 'session.start' ? sessionPatch(st, d, ts) : placePatch(st, d.context) });
            const ctx = obj(d.context);
            return emit([...before, { kind: 'session_meta' }, ...events_modelChange(st, str(d.selectedModel), str(ctx?.cwd) ?? null)]);
        }
        case 'session.model_change': {
            const changed = events_modelChange(st, str(d.newModel));
            return emit(changed.length > 0 ? changed : [{ kind: 'other', type }]);
        }
        case 'session.context_changed':
            // A start whose git context was still pending gets it here; a session's place is the first one known.
            out.push({ type: 'session', patch: placePatch(st, d) });
            return emit([{ kind: 'other', type }]);
        case 'system.message':
            return emit([{ kind: 'context_message', role: str(d.role) ?? 'system', text: str(d.content) ?? '' }]);
        case 'user.message': {
            const images = (arr(d.attachments) ?? []).filter((a) => obj(a)?.type === 'image').length;
            // Events of a sub-agent carry its `agentId`: such a message is never the person's prompt.
            const byAgent = typeof o.agentId === 'string';
            const payload = { kind: 'user_prompt', text: str(d.content) ?? '', by_agent: byAgent, images };
            if (byAgent)
                return emit([payload]);
            const n = st.prompts ?? 0;
            st.prompts = n + 1;
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload, dedupe_key: promptKey(st.sessionId, n) } });
            return;
        }
        case 'assistant.turn_start':
            return emit([{ kind: 'marker', marker: 'turn_start', detail: str(d.turnId) ?? null }]);
        case 'assistant.turn_end':
            return emit([{ kind: 'marker', marker: 'turn_end', detail: str(d.turnId) ?? null }]);
        case 'assistant.message':
            return emit(assistantMessage(st, d, type));
        case 'tool.execution_start': {
            const calls = newCall(st, str(d.toolCallId) ?? null, str(d.toolName) ?? 'unknown', d.arguments);
            return emit(calls.length > 0 ? calls : [{ kind: 'other', type }]);
        }
        case 'tool.execution_complete':
            return emit(toolComplete(st, d));
        case 'session.compaction_complete':
            return emit([{ kind: 'compaction', text: str(d.summaryContent) ?? str(d.summary) ?? null, encrypted: false }]);
        case 'abort':
            return emit([{ kind: 'marker', marker: 'abort', detail: str(d.reason) ?? null }]);
        case 'session.error':
            return emit([{ kind: 'marker', marker: 'error', detail: str(d.message) ?? str(d.errorType) ?? null }]);
        case 'session.shutdown': {
            const usage = shutdownUsage(d.modelMetrics, (st.reported ??= {}));
            const none = usage.every((u) => u.kind === 'token_usage' && !u.counted);
            const said = none ? closeSegment(st, `the session.shutdown at line ${lineNo} has no modelMetrics`) : [];
            st.segment = null;
            out.push({ type: 'session', patch: { id: st.sessionId, agent: 'copilot-cli', ended_at: ts } });
            return emit([...usage, ...said].length > 0 ? [...usage, ...said] : [{ kind: 'other', type }]);
        }
        default:
            if (!known_events_KNOWN_UNINTERPRETED.has(type))
                out.push({ type: 'unknown', line: lineNo, what: `event "${type}"` });
            return emit([{ kind: 'other', type }]);
    }
}
/**
 * At the end of what could be read: a part of the session in which a model answered and that has
 * no `session.shutdown` has no usage in the log. The session says so rather than count zero. The
 * note belongs to no line of the file: it is stored at line 0, which no line of a line format
 * has, so it never takes the place of a line's own events (events are unique by file, line and place).
 */
function endOfInput(st, out) {
    const seg = st.segment;
    if (!seg || !seg.answered || seg.noted)
        return;
    const payload = missingUsage(seg, 'the CLI did not exit cleanly, or the session was still running when the log was read');
    seg.noted = true;
    // Keyed by session and part, as a line's events are by their bytes: a copy of the log (in `.ai-logs/`) repeats the note, it does not add one.
    const dedupe_key = `copilot-cli:no-shutdown:${st.sessionId}:${seg.line}`;
    out.push({ type: 'event', event: { session_id: st.sessionId, ts: null, line: 0, payload, dedupe_key } });
}

;// CONCATENATED MODULE: ./src/sources/copilot-cli/index.ts



/**
 * Copilot CLI opens every `events.jsonl` with `session.start` from `copilot-agent` carrying a
 * `copilotVersion`. The VS Code Copilot Chat transcript shares that vocabulary but also names a
 * `vscodeVersion`; that one is the `copilot-chat-transcript` source's, never this one's.
 */
function sniffCopilotCli(head) {
    return head.parsed.some((o) => {
        if (!isObject(o) || o.type !== 'session.start')
            return false;
        const d = obj(o.data);
        return d !== undefined && typeof d.copilotVersion === 'string' && d.vscodeVersion === undefined && d.producer === 'copilot-agent';
    });
}
const copilotCli = {
    mode: 'lines',
    id: 'copilot-cli-events',
    agent: 'copilot-cli',
    description: 'GitHub Copilot CLI session events (~/.copilot/session-state/<session>/events.jsonl)',
    sniff: sniffCopilotCli,
    createParser: (ctx, state) => lineParser(state, { initial: events_initialState(ctx.fallbackSessionId), push: events_pushLine, end: endOfInput })
};

;// CONCATENATED MODULE: ./src/sources/util/sqlite-pages.ts
/**
 * Rows of a query read a page at a time (keyset pagination): `fetch` gets the last row of the
 * previous page (null for the first) and returns at most `size` rows after it. Only one page is
 * held at a time, so a table of any size is read in bounded memory, and no statement stays open
 * between pages (the caller may run other queries on the same connection while it iterates).
 */
function* paged(size, fetch) {
    let after = null;
    for (;;) {
        const rows = fetch(after, size);
        yield* rows;
        if (rows.length < size)
            return;
        after = rows[rows.length - 1];
    }
}
/** Column names by table, from the database's schema (what a database source recognizes). */
function tableColumns(db) {
    const out = {};
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
    for (const { name } of tables)
        out[name] = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name).map((c) => c.name);
    return out;
}
/** True when `table` exists with every one of `columns`. */
function hasColumns(tables, table, columns) {
    const have = tables[table];
    return have !== undefined && columns.every((c) => have.includes(c));
}

;// CONCATENATED MODULE: ./src/sources/copilot-cli/store.ts






/**
 * Copilot CLI's index of every session of its home (`~/.copilot/session-store.db`), after the
 * readers cited in fixtures/copilot-cli/SOURCES.md (GitHub documents the file, not its schema):
 * `sessions` (folder, repository, branch, summary, times), `turns` (each finished turn's prompt and
 * final reply, `turn_index` counting the person's prompts from 0) and `assistant_usage_events`
 * (one row per model call, `input_tokens` including the cache reads and writes).
 *
 * The session's `events.jsonl` holds all of that and more, so this file only adds what the log
 * may lack, without counting anything twice:
 * - the session's place and title, which fill fields the log left empty;
 * - its prompts, keyed as `events.jsonl` keys them (`promptKey`), so a prompt both hold counts once;
 * - its usage as one status snapshot, the sum of its calls: a session's totals use a snapshot only
 *   when no usage row is counted, i.e. when its log has no `session.shutdown` with usage (an unclean
 *   exit) or is not read. Per-call rows would be counted beside the shutdown's, twice.
 * Replies, `session_files` and checkpoints repeat the log and are not read.
 */
const store_AGENT = 'copilot-cli';
const SESSION_PAGE = 100;
const ROW_PAGE = 500;
/** How a snapshot made from this file is named among the printouts a snapshot can come from. */
const STORE_FORM = 'session-store.db';
const SESSION_COLUMNS = ['id', 'cwd', 'repository', 'host_type', 'branch', 'summary', 'created_at', 'updated_at'];
const USAGE_COLUMNS = ['model', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens', 'created_at'];
function store_sniff(head) {
    return (hasColumns(head.tables, 'sessions', ['id', 'cwd', 'repository', 'branch', 'summary']) &&
        (hasColumns(head.tables, 'assistant_usage_events', ['session_id', 'model', 'input_tokens', 'output_tokens']) ||
            hasColumns(head.tables, 'turns', ['session_id', 'turn_index', 'user_message'])));
}
function columns(db, table) {
    return db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table).map((c) => c.name);
}
const store_select = (have, names) => names.map((n) => (have.includes(n) ? `"${n}"` : `NULL AS "${n}"`)).join(', ');
/** `owner/name` on a known host becomes a remote the scope can match, as `events.jsonl`'s `context.repository` does. */
function store_repositoryUrl(s) {
    const repo = str(s.repository);
    if (!repo)
        return null;
    if (/^[a-z]+:\/\//i.test(repo) || repo.includes('@'))
        return repo;
    return s.host_type === 'github' ? `github.com/${repo}` : null;
}
function store_sessionPatch(s, id) {
    return {
        id,
        agent: store_AGENT,
        originator: 'copilot-cli',
        source: 'session-store',
        started_at: toUtcIso(s.created_at),
        ended_at: toUtcIso(s.updated_at),
        cwd: str(s.cwd) || null,
        branch: str(s.branch) || null,
        repository_url: store_repositoryUrl(s),
        title: str(s.summary) || null
    };
}
function add(sum, t) {
    for (const k of Object.keys(sum))
        sum[k] += t[k];
}
/** The session's calls summed (each call's counts as `session.shutdown` counts them), its busiest model, and its last call's time. */
function sessionUsage(rows) {
    const tokens = zeroTokens();
    const byModel = new Map();
    let last = null;
    let calls = 0;
    for (const r of rows) {
        const t = copilotCliTokens({
            inputTokens: r.input_tokens ?? 0,
            outputTokens: r.output_tokens ?? 0,
            cacheReadTokens: r.cache_read_tokens ?? 0,
            cacheWriteTokens: r.cache_write_tokens ?? 0,
            reasoningTokens: r.reasoning_tokens ?? 0
        });
        if (!t)
            continue;
        calls++;
        add(tokens, t);
        const model = str(r.model);
        if (model)
            byModel.set(model, (byModel.get(model) ?? 0) + t.total);
        const ts = toUtcIso(r.created_at);
        if (ts && (!last || ts > last))
            last = ts;
    }
    const model = [...byModel.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    return { tokens, model, last, calls };
}
function store_event(session_id, ts, line, payload, dedupe_key) {
    return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } };
}
function* readDatabase(db, _ctx) {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t) => t.name));
    const sessions = db.prepare(`SELECT ${store_select(columns(db, 'sessions'), SESSION_COLUMNS)} FROM sessions WHERE id > ? ORDER BY id LIMIT ?`);
    const usage = tables.has('assistant_usage_events')
        ? db.prepare(`SELECT rowid AS rowid_, ${store_select(columns(db, 'assistant_usage_events'), USAGE_COLUMNS)} FROM assistant_usage_events
         WHERE session_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`)
        : null;
    const turns = tables.has('turns')
        ? db.prepare(`SELECT turn_index, user_message, ${columns(db, 'turns').includes('timestamp') ? 'timestamp' : 'NULL AS timestamp'} FROM turns
        WHERE session_id = ? AND turn_index > ? ORDER BY turn_index LIMIT ?`)
        : null;
    let line = 0;
    for (const s of paged(SESSION_PAGE, (after, n) => sessions.all(str(after?.id) ?? '', n))) {
        const id = str(s.id);
        if (!id)
            continue;
        const sessionLine = ++line;
        yield { line: sessionLine, text: JSON.stringify(s), records: [{ type: 'session', patch: store_sessionPatch(s, id) }] };
        if (turns)
            for (const t of paged(ROW_PAGE, (after, n) => turns.all(id, after ? Number(after.turn_index) : -1, n))) {
                const text = str(t.user_message);
                const index = typeof t.turn_index === 'number' && Number.isInteger(t.turn_index) ? t.turn_index : null;
                if (!text || index === null)
                    continue;
                const turnLine = ++line;
                const payload = { kind: 'user_prompt', text, by_agent: false, images: 0 };
                yield { line: turnLine, text: JSON.stringify(t), records: [store_event(id, toUtcIso(t.timestamp), turnLine, payload, promptKey(id, index))] };
            }
        if (usage) {
            const used = sessionUsage(paged(ROW_PAGE, (prev, n) => usage.all(id, prev?.rowid_ ?? 0, n)));
            if (used.calls === 0)
                continue;
            const usageLine = ++line;
            const t = used.tokens;
            const payload = {
                kind: 'status_snapshot',
                form: STORE_FORM,
                input: t.input,
                cached_input: t.cached_input,
                output: t.output,
                reasoning_output: t.reasoning_output,
                total: t.total,
                blended_total: null,
                model: used.model
            };
            const text = JSON.stringify({ session_id: id, calls: used.calls, ...t });
            yield { line: usageLine, text, records: [store_event(id, used.last ?? toUtcIso(s.updated_at), usageLine, payload, `copilot-cli-store:${id}:usage`)] };
        }
    }
}
const copilotCliSessionStore = {
    mode: 'database',
    id: 'copilot-cli-session-store',
    agent: store_AGENT,
    description: 'GitHub Copilot CLI session index (~/.copilot/session-store.db: sessions, turns, assistant_usage_events)',
    sniff: store_sniff,
    readDatabase
};

;// CONCATENATED MODULE: ./src/sources/cursor/tools.ts


/**
 * Cursor's tool names: the agent CLI's transcripts use `Shell`, `Write`, `StrReplace`, `Delete`,
 * `ApplyPatch`, `Read`, `Grep`, `WebSearch`…; the editor's bubbles use snake_case names
 * (`run_terminal_cmd`, `edit_file`, `apply_patch`, `read_file`, `grep`, `web_search`…).
 */
const SHELL = new Set(['Shell', 'run_terminal_cmd', 'run_terminal_command']);
const WEB_SEARCH = new Set(['WebSearch', 'web_search']);
/** The file a tool's arguments name, under whichever key that tool uses. */
function pathOf(args) {
    return str(args.path) ?? str(args.file_path) ?? str(args.filePath) ?? str(args.target_file) ?? str(args.target_notebook);
}
function tools_toolType(name) {
    if (SHELL.has(name))
        return 'local_shell';
    if (WEB_SEARCH.has(name))
        return 'web_search';
    return 'function';
}
function shellCommand(name, args) {
    return SHELL.has(name) ? (str(args.command) ?? null) : null;
}
/**
 * The files a call writes. Neither store records whether a call succeeded in a form we have seen
 * for every tool, so a write counts at the call (a refused write still names the file it aimed at).
 */
function filesWritten(name, args, patchText, callId) {
    const path = pathOf(args);
    switch (name) {
        case 'Write':
            return path ? [{ kind: 'file_change', path, change: 'unknown', call_id: callId }] : [];
        case 'StrReplace':
        case 'MultiStrReplace':
        case 'EditNotebook':
        case 'edit_file':
        case 'search_replace':
        case 'edit_notebook':
            return path ? [{ kind: 'file_change', path, change: 'update', call_id: callId }] : [];
        case 'Delete':
        case 'delete_file':
            return path ? [{ kind: 'file_change', path, change: 'delete', call_id: callId }] : [];
        case 'ApplyPatch':
        case 'apply_patch': {
            const found = patchText ? filesInPatch(patchText, callId) : [];
            if (found.length > 0)
                return found;
            return path ? [{ kind: 'file_change', path, change: 'update', call_id: callId }] : [];
        }
        default:
            return [];
    }
}
/** A tool call and the files it writes, as events. */
function toolEvents(name, args, rawArgs, callId, patchText) {
    return [
        { kind: 'tool_call', call_id: callId, name, arguments: rawArgs, command: shellCommand(name, args), tool_type: tools_toolType(name) },
        ...filesWritten(name, args, patchText, callId)
    ];
}

;// CONCATENATED MODULE: ./src/sources/cursor/keys.ts

/** Object keys in a fixed order, so the same arguments give the same text in both files. */
function canonical(v) {
    if (Array.isArray(v))
        return v.map(canonical);
    if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]));
    return v;
}
function contentOf(p) {
    switch (p.kind) {
        case 'user_prompt':
            return p.text.trim() ? `prompt\0${p.text.trim()}` : null;
        case 'assistant_message':
            return `reply\0${p.text.trim()}`;
        case 'tool_result':
            return p.call_id ? `result\0${p.call_id}` : null;
        default:
            return null;
    }
}
/** A tool call's content: its name and its arguments with their keys sorted. */
function callContent(name, args) {
    return `call\0${name}\0${JSON.stringify(canonical(args) ?? {})}`;
}
function nextKey(sessionId, content, seen) {
    const h = (0,external_node_crypto_namespaceObject.createHash)('sha1').update(sessionId).update('\0').update(content).digest('base64url');
    const n = seen[h] ?? 0;
    seen[h] = n + 1;
    return `cursor:${h}:${n}`;
}
/**
 * Dedupe keys for a block's events, in order: a prompt or reply by its text, a result by its call, a tool call by
 * `calls` (the content of each call among the payloads, in order) and the files it writes after it;
 * null where the reader's own key applies.
 */
function sharedKeys(sessionId, payloads, calls, seen) {
    let callKey = null;
    let call = 0;
    let written = 0;
    return payloads.map((p) => {
        if (p.kind === 'tool_call') {
            const content = calls[call++];
            callKey = content === undefined ? null : nextKey(sessionId, content, seen);
            written = 0;
            return callKey;
        }
        if (p.kind === 'file_change')
            return callKey === null ? null : `${callKey}#w${written++}`;
        const content = contentOf(p);
        return content === null ? null : nextKey(sessionId, content, seen);
    });
}

;// CONCATENATED MODULE: ./src/sources/cursor/transcript.ts




const cursor_transcript_AGENT = 'cursor';
/**
 * The session is the transcript's folder, `agent-transcripts/<id>/<id>.jsonl`; a sub-agent's
 * transcript lies in `<id>/subagents/` and belongs to that session.
 */
function transcript_initialState(ctx) {
    const stem = (0,external_node_path_namespaceObject.basename)(ctx.path).replace(/\.jsonl$/i, '');
    const folder = (0,external_node_path_namespaceObject.dirname)(ctx.path);
    const parent = (0,external_node_path_namespaceObject.basename)(folder) === 'subagents' ? (0,external_node_path_namespaceObject.basename)((0,external_node_path_namespaceObject.dirname)(folder)) : null;
    return { sessionId: stem && stem !== (0,external_node_path_namespaceObject.basename)(ctx.path) ? stem : ctx.fallbackSessionId, parentId: parent, started: false, seen: {} };
}
/** Cursor wraps what the person typed in `<user_query>`; what lies around it is context it added. */
const USER_QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/;
/** Cursor writes the literal `[REDACTED]` where it keeps the model's reasoning out of the transcript. */
const REDACTED = '[REDACTED]';
function blocksOf(content) {
    if (typeof content === 'string')
        return [{ type: 'text', text: content }];
    return (arr(content) ?? []).map(obj).filter((b) => b !== undefined);
}
function textOf(blocks) {
    return blocks
        .filter((b) => b.type === 'text')
        .map((b) => str(b.text) ?? '')
        .join('\n');
}
function resultText(content) {
    return typeof content === 'string' ? content : textOf(blocksOf(content));
}
/** What one block of a message says; null for a block of a kind this reader does not know. */
function blockEvents(b, role, sub) {
    switch (b.type) {
        case 'text': {
            const text = str(b.text) ?? '';
            if (role === 'user') {
                const query = USER_QUERY.exec(text);
                return [{ kind: 'user_prompt', text: query ? query[1] : text, by_agent: sub, images: 0 }];
            }
            const redacted = text.trimEnd().endsWith(REDACTED);
            const said = redacted ? text.trimEnd().slice(0, -REDACTED.length).trimEnd() : text;
            const out = [];
            if (said.trim())
                out.push({ kind: 'assistant_message', text: said, phase: null });
            if (redacted)
                out.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: 0 });
            return out;
        }
        case 'image':
            return role === 'user' ? [{ kind: 'user_prompt', text: '', by_agent: sub, images: 1 }] : [];
        case 'tool_use': {
            const name = str(b.name) ?? 'unknown';
            const input = b.input;
            const args = obj(input) ?? {};
            const raw = typeof input === 'string' ? input : JSON.stringify(input ?? {});
            const patch = typeof input === 'string' ? input : str(args.patch);
            return toolEvents(name, args, raw, str(b.id) ?? null, patch);
        }
        case 'tool_result':
            return [
                {
                    kind: 'tool_result',
                    call_id: str(b.tool_use_id) ?? null,
                    output: resultText(b.content),
                    exit_code: null,
                    duration_ms: null,
                    status: b.is_error === true ? 'error' : null
                }
            ];
        default:
            return null;
    }
}
/** `turn_ended` closes a turn: `success`, `aborted` (the person stopped it) or `error`. */
function turnEnded(o) {
    const status = str(o.status) ?? '';
    const detail = str(o.error) ?? (status || null);
    if (status === 'aborted')
        return { kind: 'marker', marker: 'abort', detail };
    if (status === 'error')
        return { kind: 'marker', marker: 'error', detail };
    return { kind: 'marker', marker: 'turn_end', detail };
}
/**
 * One line of a Cursor agent transcript: `{role, message: {content}}` with Anthropic-style blocks
 * (`text`, `tool_use`, sometimes `tool_result`) or a `{type: "turn_ended"}` close. The transcript
 * records no time, model, token count or working folder.
 */
function cursor_transcript_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    if (!st.started) {
        st.started = true;
        out.push({
            type: 'session',
            patch: {
                id: st.sessionId,
                agent: cursor_transcript_AGENT,
                originator: 'cursor-agent',
                source: 'agent-transcript',
                parent_id: st.parentId,
                parent_relation: st.parentId ? 'subagent' : null
            }
        });
    }
    const emit = (payloads, what, keys = []) => {
        const list = payloads.length > 0 ? payloads : [{ kind: 'other', type: what }];
        list.forEach((payload, i) => {
            const key = keys[i];
            out.push({ type: 'event', event: { session_id: st.sessionId, ts: null, line: lineNo, payload, ...(key ? { dedupe_key: key } : {}) } });
        });
    };
    if (o.type === 'turn_ended')
        return emit([turnEnded(o)], 'turn_ended');
    const role = str(o.role);
    const message = obj(o.message);
    if ((role !== 'user' && role !== 'assistant') || !message) {
        out.push({ type: 'unknown', line: lineNo, what: role ? `role "${role}"` : `line "${str(o.type) ?? 'none'}"` });
        return emit([], str(o.type) ?? role ?? 'none');
    }
    const payloads = [];
    const calls = [];
    for (const b of blocksOf(message.content)) {
        const found = blockEvents(b, role, st.parentId !== null);
        if (found === null)
            out.push({ type: 'unknown', line: lineNo, what: `${role} block "${str(b.type) ?? 'none'}"` });
        else
            payloads.push(...found);
        if (found && b.type === 'tool_use')
            calls.push(callContent(str(b.name) ?? 'unknown', b.input ?? {}));
    }
    emit(payloads, `${role} message`, sharedKeys(st.sessionId, payloads, calls, (st.seen ??= {})));
}

;// CONCATENATED MODULE: ./src/sources/cursor/editor.ts





/**
 * The Cursor editor's store (`<Cursor user dir>/globalStorage/state.vscdb`): VS Code's key-value
 * table plus Cursor's `cursorDiskKV`, where `composerData:<id>` is a conversation (its name, times,
 * model and the order of its bubbles) and `bubbleId:<composer>:<bubble>` one message of it.
 * The bubbles' `tokenCount` is not read: see docs/sources.md, Cursor.
 */
const COMPOSER = 'composerData:';
/** The first key after every `composerData:` key (`;` follows `:`), so the range scan uses the key's index. */
const COMPOSER_END = 'composerData;';
const COMPOSER_PAGE = 20;
const USER = 1;
const ASSISTANT = 2;
function editor_sniff(head) {
    return hasColumns(head.tables, 'cursorDiskKV', ['key', 'value']);
}
/** "default" is the Auto setting, not a model. */
function modelName(v) {
    const name = str(v)?.trim();
    return name && name !== 'default' ? name : null;
}
/** The folder the conversation ran in, when the composer names one: its workspace, else its first tracked repository. */
function folderOf(c) {
    const ws = str(obj(obj(c.workspaceIdentifier)?.uri)?.fsPath);
    if (ws)
        return ws;
    const repo = (arr(c.trackedGitRepos) ?? []).map((r) => str(obj(r)?.repoPath)).find((p) => p);
    return repo ?? null;
}
function composerPatch(id, c) {
    return {
        id,
        agent: cursor_transcript_AGENT,
        originator: 'cursor',
        source: str(c.unifiedMode) ? `editor ${str(c.unifiedMode)}` : 'editor',
        agent_version: typeof c._v === 'number' ? `composer format ${c._v}` : null,
        started_at: toUtcIso(num(c.createdAt)),
        ended_at: toUtcIso(num(c.lastUpdatedAt)),
        cwd: folderOf(c),
        title: str(c.name) || null
    };
}
function editor_toolCall(tf, callId) {
    const name = str(tf.name) ?? `tool ${str(tf.tool) ?? 'unknown'}`;
    const rawArgs = str(tf.rawArgs) ?? str(tf.params) ?? '{}';
    const args = obj(tryParseJson(rawArgs)) ?? {};
    const refused = tf.userDecision === 'rejected' || tf.status === 'error';
    const [call, ...writes] = toolEvents(name, args, rawArgs, callId, str(args.patch));
    const out = [call];
    const result = tf.result;
    if (result !== undefined || tf.status !== undefined)
        out.push({
            kind: 'tool_result',
            call_id: callId,
            output: typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result),
            exit_code: null,
            duration_ms: null,
            status: str(tf.status) ?? null
        });
    if (!refused)
        out.push(...writes);
    return out;
}
/** What one bubble says; null for a bubble type this reader does not know. */
function bubbleEvents(b, type, model) {
    const out = [];
    const m = modelName(obj(b.modelInfo)?.modelName);
    if (m && m !== model.current) {
        model.current = m;
        out.push({ kind: 'turn_context', model: m });
    }
    const text = str(b.text) ?? '';
    if (type === USER) {
        out.push({ kind: 'user_prompt', text, by_agent: false, images: (arr(b.images) ?? []).length });
        return out;
    }
    if (type !== ASSISTANT)
        return null;
    const thinking = obj(b.thinking);
    if (thinking) {
        const said = str(thinking.text) ?? '';
        // Only a signature: the reasoning went to the model's provider encrypted, and is not here.
        out.push({ kind: 'reasoning', text: said, encrypted: !said.trim() && str(thinking.signature) !== undefined, encrypted_bytes: 0 });
    }
    if (text.trim())
        out.push({ kind: 'assistant_message', text, phase: null });
    const tf = obj(b.toolFormerData);
    if (tf)
        out.push(...editor_toolCall(tf, str(tf.toolCallId) ?? null));
    return out;
}
function* editor_readDatabase(db, _ctx) {
    const composers = db.prepare(`SELECT key, CAST(value AS TEXT) AS value FROM cursorDiskKV WHERE key > ? AND key < ? ORDER BY key LIMIT ?`);
    const bubble = db.prepare(`SELECT CAST(value AS TEXT) AS value FROM cursorDiskKV WHERE key = ?`);
    let line = 0;
    for (const row of paged(COMPOSER_PAGE, (after, n) => composers.all(after?.key ?? COMPOSER, COMPOSER_END, n))) {
        const id = row.key.slice(COMPOSER.length);
        const composerLine = ++line;
        const c = obj(tryParseJson(row.value ?? ''));
        if (!c) {
            yield { line: composerLine, text: row.value ?? '', records: [{ type: 'skip', line: composerLine, reason: `${row.key}: value is not a JSON object` }] };
            continue;
        }
        const heads = (arr(c.fullConversationHeadersOnly) ?? []).map(obj).filter((h) => h !== undefined);
        // A composer opened and never used has no bubbles: it is no conversation.
        if (heads.length === 0)
            continue;
        const model = { current: modelName(obj(c.modelConfig)?.modelName) };
        const records = [{ type: 'session', patch: composerPatch(id, c) }];
        if (model.current)
            records.push(editor_event(id, toUtcIso(num(c.createdAt)), composerLine, { kind: 'turn_context', model: model.current }, `cursor:${id}#model`));
        yield { line: composerLine, text: JSON.stringify({ key: row.key, name: c.name, createdAt: c.createdAt, lastUpdatedAt: c.lastUpdatedAt }), records };
        for (const h of heads) {
            const bubbleId = str(h.bubbleId);
            if (!bubbleId)
                continue;
            const key = `bubbleId:${id}:${bubbleId}`;
            const found = bubble.get(key);
            // Cursor clears old bubbles (the row goes, or its value becomes NULL) and keeps the order list: nothing was lost here.
            if (found?.value == null)
                continue;
            const bubbleLine = ++line;
            const b = obj(tryParseJson(found.value));
            if (!b) {
                yield { line: bubbleLine, text: found.value, records: [{ type: 'skip', line: bubbleLine, reason: `${key}: value is not a JSON object` }] };
                continue;
            }
            const type = num(h.type) ?? num(b.type) ?? 0;
            const ts = toUtcIso(b.createdAt);
            const payloads = bubbleEvents(b, type, model);
            const out = payloads === null
                ? [{ type: 'unknown', line: bubbleLine, what: `bubble type ${type}` }]
                : payloads.map((p, i) => editor_event(id, ts, bubbleLine, p, `cursor:${id}:${bubbleId}#${i}`));
            yield { line: bubbleLine, text: found.value, records: out };
        }
    }
}
function editor_event(session_id, ts, line, payload, dedupe_key) {
    return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } };
}
const cursorEditorDatabase = {
    mode: 'database',
    id: 'cursor-state-vscdb',
    agent: cursor_transcript_AGENT,
    description: 'Cursor editor store (globalStorage/state.vscdb: cursorDiskKV composerData and bubbleId keys)',
    sniff: editor_sniff,
    readDatabase: editor_readDatabase
};

;// CONCATENATED MODULE: ./src/sources/cursor/index.ts



/** A transcript line holds `role` and `message` and nothing else: no type, id, time or session, which every other JSONL agent writes. */
function isMessageLine(o) {
    const keys = Object.keys(o);
    const m = obj(o.message);
    return (keys.every((k) => k === 'role' || k === 'message') &&
        (o.role === 'user' || o.role === 'assistant') &&
        m !== undefined &&
        Object.keys(m).every((k) => k === 'content') &&
        (Array.isArray(m.content) || typeof m.content === 'string'));
}
/** The only keys a transcript line has: a message's, and a `turn_ended` close's. */
const LINE_KEYS = new Set(['role', 'message', 'type', 'status', 'error']);
/** No line of the head has a key beyond those, or a `type` but `turn_ended`; at least one is a bare message. */
function sniffCursorTranscript(head) {
    const cursorShaped = (o) => isObject(o) && Object.keys(o).every((k) => LINE_KEYS.has(k)) && (o.type === undefined || o.type === 'turn_ended');
    // The head ends at 64 KiB, which may cut its last line (a `Write` carries a whole file): that line cannot be judged.
    const whole = head.parsed.filter((o, i) => !(o === undefined && i === head.parsed.length - 1));
    if (whole.length === 0 || !whole.every(cursorShaped))
        return false;
    return whole.some((o) => isObject(o) && isMessageLine(o));
}
const cursorTranscript = {
    mode: 'lines',
    id: 'cursor-agent-transcript',
    agent: 'cursor',
    description: 'Cursor agent transcript (~/.cursor/projects/<slug>/agent-transcripts/<id>/<id>.jsonl)',
    sniff: sniffCursorTranscript,
    createParser: (ctx, state) => lineParser(state, { initial: transcript_initialState(ctx), push: cursor_transcript_pushLine })
};

;// CONCATENATED MODULE: ./src/sources/cursor/store.ts






/**
 * The agent CLI's store of one conversation (`~/.cursor/chats/<md5 of cwd>/<id>/store.db`), after
 * the readers cited in fixtures/cursor/SOURCES.md: `meta` holds one row, key `0`, whose value is
 * the conversation's JSON (`agentId`, `name`, `createdAt`, `latestRootBlobId`, `lastUsedModel`),
 * hex-encoded; `blobs` is content-addressed (`id` the SHA-256 of `data`). The root blob is protobuf:
 * field 1 repeats the 32-byte ids of the messages in order (field 2 those of a subtree), field 9
 * the workspace's `file://` URI. A message blob is JSON `{role, content}` with AI-SDK parts
 * (`text`, `reasoning`, `tool-call`, `tool-result`). The store records no token count and no
 * per-message time.
 */
const META_KEY = '0';
/** A root that links deeper than this is not a conversation this reader knows. */
const MAX_DEPTH = 32;
const store_USER_QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/;
/** The name Cursor gives a conversation before it has one. */
const PLACEHOLDER_NAME = 'New Agent';
/** Both tables with exactly their columns (newer stores may add a `cursorDiskKV` table beside them). */
function cursor_store_sniff(head) {
    const same = (have, want) => have !== undefined && have.length === want.length && want.every((c) => have.includes(c));
    return same(head.tables.blobs, ['id', 'data']) && same(head.tables.meta, ['key', 'value']);
}
/** The meta value: hex of the JSON text in the stores seen, plain JSON text or bytes accepted too. */
function decodeMeta(value) {
    let text;
    if (Buffer.isBuffer(value))
        text = value.toString('utf8');
    else if (typeof value === 'string')
        text = /^(?:[0-9a-f]{2})+$/i.test(value) ? Buffer.from(value, 'hex').toString('utf8') : value;
    return text === undefined ? undefined : obj(tryParseJson(text));
}
/** The protobuf fields of a linking blob this reader uses; null when the bytes are not protobuf it can walk. */
function rootFields(data) {
    const children = [];
    let workspace = null;
    let inline = 0;
    let i = 0;
    const varint = () => {
        let value = 0;
        for (let shift = 0; shift <= 49 && i < data.length; shift += 7) {
            const b = data[i++];
            value += (b & 0x7f) * 2 ** shift;
            if ((b & 0x80) === 0)
                return value;
        }
        return null;
    };
    while (i < data.length) {
        const tag = varint();
        if (tag === null)
            return null;
        const field = Math.floor(tag / 8);
        const wire = tag % 8;
        if (wire === 0) {
            if (varint() === null)
                return null;
        }
        else if (wire === 1 || wire === 5) {
            i += wire === 1 ? 8 : 4;
            if (i > data.length)
                return null;
        }
        else if (wire === 2) {
            const len = varint();
            if (len === null || len > data.length - i)
                return null;
            const bytes = data.subarray(i, i + len);
            i += len;
            if ((field === 1 || field === 2) && len === 32)
                children.push({ id: bytes.toString('hex'), subtree: field === 2 });
            if (field === 9) {
                const uri = bytes.toString('utf8');
                if (uri.startsWith('file://'))
                    workspace = decodeURIComponent(uri.slice('file://'.length));
            }
            else if (field !== 1 && field !== 2 && bytes.subarray(0, 8).toString('utf8') === '{"role":')
                inline++;
        }
        else
            return null;
    }
    return { children, workspace, inline };
}
/** The message ids under the root, depth first in field order; a blob is visited once. */
function walkRoot(get, rootId) {
    const walk = { messages: [], workspace: null, broken: [], inline: 0 };
    const visited = new Set();
    const visit = (id, depth) => {
        if (visited.has(id) || depth > MAX_DEPTH)
            return;
        visited.add(id);
        const data = get(id);
        if (!data)
            return walk.broken.push(`blob ${id} is missing`);
        if (data[0] === 0x7b)
            return walk.messages.push(id);
        const fields = rootFields(data);
        if (!fields)
            return walk.broken.push(`blob ${id} is neither a message nor a list of blobs`);
        if (depth === 0)
            walk.workspace = fields.workspace;
        walk.inline += fields.inline;
        for (const c of fields.children)
            visit(c.id, depth + 1);
    };
    visit(rootId, 0);
    return walk;
}
function store_textOf(content) {
    if (typeof content === 'string')
        return content;
    return (arr(content) ?? [])
        .map(obj)
        .filter((p) => p?.type === 'text')
        .map((p) => str(p.text) ?? '')
        .join('\n');
}
function store_resultText(v) {
    if (typeof v === 'string')
        return v;
    const parts = arr(v);
    if (parts && parts.every((p) => obj(p)?.type === 'text'))
        return store_textOf(parts);
    return v === undefined ? '' : JSON.stringify(v);
}
/** What one message says, with the content of each tool call among it (for keys.ts); null for a role this reader does not know. */
function messageEvents(m, sub, model) {
    const payloads = [];
    const calls = [];
    const unknown = [];
    const role = str(m.role);
    if (role === 'system') {
        payloads.push({ kind: 'context_message', role: 'system', text: store_textOf(m.content) });
        return { payloads, calls, unknown };
    }
    if (role === 'user') {
        const text = store_textOf(m.content);
        const query = store_USER_QUERY.exec(text);
        const images = (arr(m.content) ?? []).filter((p) => obj(p)?.type === 'image').length;
        // Without `<user_query>`, a message that opens with a tag is context Cursor added (`<user_info>`, rules), not typed.
        if (!query && text.trimStart().startsWith('<') && images === 0)
            payloads.push({ kind: 'context_message', role: 'user', text });
        else
            payloads.push({ kind: 'user_prompt', text: query ? query[1] : text, by_agent: sub, images });
        return { payloads, calls, unknown };
    }
    if (role === 'assistant') {
        const parts = (arr(m.content) ?? (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [])).map(obj);
        for (const p of parts) {
            const named = str(obj(obj(p?.providerOptions)?.cursor)?.modelName) ?? str(m.model);
            if (named && named !== model.current) {
                model.current = named;
                payloads.push({ kind: 'turn_context', model: named });
            }
            switch (p?.type) {
                case 'text': {
                    const text = str(p.text) ?? '';
                    if (text.trim())
                        payloads.push({ kind: 'assistant_message', text, phase: null });
                    break;
                }
                case 'reasoning':
                    payloads.push({ kind: 'reasoning', text: str(p.text) ?? '', encrypted: false, encrypted_bytes: 0 });
                    break;
                case 'redacted-reasoning':
                    payloads.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(p.data) ?? '').length });
                    break;
                case 'tool-call': {
                    const name = str(p.toolName) ?? 'unknown';
                    const args = p.args ?? {};
                    const rawArgs = str(obj(obj(p.providerOptions)?.cursor)?.rawToolCallArgs) ?? (typeof args === 'string' ? args : JSON.stringify(args));
                    const found = toolEvents(name, obj(args) ?? {}, rawArgs, str(p.toolCallId) ?? null, typeof args === 'string' ? args : str(obj(args)?.patch));
                    payloads.push(...found);
                    calls.push(callContent(name, args));
                    break;
                }
                default:
                    unknown.push(`assistant part "${str(p?.type) ?? 'none'}"`);
            }
        }
        return { payloads, calls, unknown };
    }
    if (role === 'tool') {
        const failed = obj(obj(obj(m.providerOptions)?.cursor)?.highLevelToolCallResult)?.isError === true;
        for (const p of (arr(m.content) ?? []).map(obj)) {
            if (p?.type !== 'tool-result') {
                unknown.push(`tool part "${str(p?.type) ?? 'none'}"`);
                continue;
            }
            const status = failed || p.isError === true ? 'error' : null;
            payloads.push({ kind: 'tool_result', call_id: str(p.toolCallId) ?? null, output: store_resultText(p.result), exit_code: null, duration_ms: null, status });
        }
        return { payloads, calls, unknown };
    }
    return null;
}
/** The conversation's id: the meta's `agentId`, else its folder's name (the folder is named after it). */
function sessionIdOf(meta, ctx) {
    return str(meta.agentId) ?? ((0,external_node_path_namespaceObject.basename)(ctx.path) === 'store.db' ? (0,external_node_path_namespaceObject.basename)((0,external_node_path_namespaceObject.dirname)(ctx.path)) : ctx.fallbackSessionId);
}
function* store_readDatabase(db, ctx) {
    const metaRow = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(META_KEY);
    const meta = metaRow ? decodeMeta(metaRow.value) : undefined;
    if (!meta) {
        yield { line: 1, text: '', records: [{ type: 'skip', line: 1, reason: `meta row ${META_KEY} is missing or is not JSON` }] };
        return;
    }
    const blob = db.prepare(`SELECT data FROM blobs WHERE id = ?`);
    const get = (id) => {
        const row = blob.get(id);
        if (!row)
            return null;
        return Buffer.isBuffer(row.data) ? row.data : typeof row.data === 'string' ? Buffer.from(row.data, 'utf8') : null;
    };
    const id = sessionIdOf(meta, ctx);
    const rootId = str(meta.latestRootBlobId);
    const walk = rootId ? walkRoot(get, rootId) : { messages: [], workspace: null, broken: [], inline: 0 };
    const sub = obj(meta.subagentInfo) !== undefined;
    const name = str(meta.name);
    const started = toUtcIso(meta.createdAt);
    const model = { current: str(meta.lastUsedModel) ?? null };
    const patch = {
        id,
        agent: cursor_transcript_AGENT,
        originator: 'cursor-agent',
        source: sub ? 'agent-store subagent' : 'agent-store',
        started_at: started,
        cwd: walk.workspace,
        title: name && name !== PLACEHOLDER_NAME ? name : null,
        parent_relation: sub ? 'subagent' : null
    };
    const head = [{ type: 'session', patch }];
    for (const reason of walk.broken)
        head.push({ type: 'skip', line: 1, reason });
    if (walk.inline > 0)
        head.push({ type: 'unknown', line: 1, what: `${walk.inline} message(s) inline in a linking blob` });
    if (model.current)
        head.push(cursor_store_event(id, started, 1, { kind: 'turn_context', model: model.current }, `cursor-store:${id}#model`));
    yield { line: 1, text: JSON.stringify({ agentId: meta.agentId, name, createdAt: meta.createdAt, latestRootBlobId: rootId }), records: head };
    const seen = {};
    let line = 1;
    for (const [pos, blobId] of walk.messages.entries()) {
        line++;
        const data = get(blobId);
        const m = obj(tryParseJson(data?.toString('utf8') ?? ''));
        if (!m) {
            yield { line, text: '', records: [{ type: 'skip', line, reason: `message blob ${blobId} is not a JSON object` }] };
            continue;
        }
        const found = messageEvents(m, sub, model);
        const records = [];
        if (!found)
            records.push({ type: 'unknown', line, what: `role "${str(m.role) ?? 'none'}"` });
        else {
            for (const what of found.unknown)
                records.push({ type: 'unknown', line, what });
            const keys = sharedKeys(id, found.payloads, found.calls, seen);
            found.payloads.forEach((p, i) => records.push(cursor_store_event(id, null, line, p, keys[i] ?? `cursor-store:${id}:${pos}#${i}`)));
        }
        yield { line, text: data?.toString('utf8') ?? '', records };
    }
}
function cursor_store_event(session_id, ts, line, payload, dedupe_key) {
    return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } };
}
/** The JSON files beside a store (`meta.json`, `prompt_history.json`): what the store holds, not logs of their own. */
function isCursorStoreSideFile(path) {
    const name = (0,external_node_path_namespaceObject.basename)(path);
    return (name === 'meta.json' || name === 'prompt_history.json') && /^[0-9a-f]{32}$/.test((0,external_node_path_namespaceObject.basename)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.dirname)(path))));
}
const cursorAgentStore = {
    mode: 'database',
    id: 'cursor-agent-store',
    agent: cursor_transcript_AGENT,
    description: 'Cursor agent CLI conversation store (~/.cursor/chats/<md5 of cwd>/<id>/store.db: blobs and meta tables)',
    sniff: cursor_store_sniff,
    readDatabase: store_readDatabase
};

;// CONCATENATED MODULE: ./src/sources/factory-droid/paths.ts

/** Antigravity writes Droid's `settings.json` shape too; files under its folders are not Droid's. */
const NOT_DROID = /(^|[\\/])[^\\/]*antigravity[^\\/]*([\\/]|$)/i;
/** The session id of `<id>.jsonl` or `<id>.settings.json` (a copy in `.ai-logs/` may be `<id>.json`): the file's stem, which both share. */
function droidSessionId(path, fallback) {
    const name = (0,external_node_path_namespaceObject.basename)(path.replace(/\\/g, '/'));
    const stem = name.replace(/\.settings\.json$/i, '').replace(/\.jsonl?$/i, '');
    return stem && stem !== name ? stem : fallback;
}

;// CONCATENATED MODULE: ./src/sources/factory-droid/session.ts




/** Tools that write the file named by `file_path` (or `path`), and how. */
const session_WRITES = { Create: 'add', Edit: 'update', MultiEdit: 'update', ApplyPatch: 'update' };
const session_SHELL = new Set(['Execute', 'Bash', 'Shell']);
function blocks(content) {
    if (typeof content === 'string')
        return [{ type: 'text', text: content }];
    return (arr(content) ?? []).map((b) => (typeof b === 'string' ? { type: 'text', text: b } : obj(b))).filter((b) => b !== undefined);
}
const session_textOf = (v) => blocks(v)
    .filter((b) => b.type === 'text')
    .map((b) => str(b.text) ?? '')
    .join('\n');
function userMessage(st, content) {
    const out = [];
    const bs = blocks(content);
    for (const b of bs.filter((x) => x.type === 'tool_result')) {
        const id = str(b.tool_use_id) ?? null;
        const failed = b.is_error === true;
        out.push({ kind: 'tool_result', call_id: id, output: session_textOf(b.content), exit_code: null, duration_ms: null, status: failed ? 'error' : 'success' });
        const pending = id ? st.writes.find((w) => w.id === id) : undefined;
        if (pending) {
            st.writes = st.writes.filter((w) => w !== pending);
            if (!failed)
                out.push(pending.change);
        }
    }
    const text = session_textOf(bs.filter((b) => b.type === 'text'));
    const images = bs.filter((b) => b.type === 'image').length;
    // A message of tool results only is the agent's bookkeeping, not something the person typed.
    if (text.trim() || images > 0)
        out.push({ kind: 'user_prompt', text, by_agent: false, images });
    return out;
}
function session_assistantMessage(st, content) {
    const out = [];
    for (const b of blocks(content)) {
        if (b.type === 'text' && str(b.text)?.trim())
            out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null });
        else if (b.type === 'thinking' || b.type === 'redacted_thinking') {
            const text = str(b.thinking) ?? '';
            if (text.trim() || b.type === 'redacted_thinking')
                out.push({ kind: 'reasoning', text, encrypted: b.type === 'redacted_thinking', encrypted_bytes: 0 });
        }
        else if (b.type === 'tool_use') {
            const id = str(b.id) ?? null;
            const name = str(b.name) ?? 'unknown';
            const input = obj(b.input) ?? {};
            const command = session_SHELL.has(name) ? (str(input.command) ?? null) : null;
            out.push({ kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(input), command, tool_type: 'function' });
            const path = str(input.file_path) ?? str(input.path);
            const change = session_WRITES[name];
            if (id && path && change)
                st.writes.push({ id, change: { kind: 'file_change', path, change, call_id: id } });
        }
    }
    return out;
}
/**
 * One line of a Droid session (`~/.factory/sessions/<folder>/<id>.jsonl`): the `session_start`
 * header (id, title, cwd) and `message` entries whose `message` is an Anthropic-format message
 * (text, thinking, `tool_use`, and `tool_result` blocks in the next user message). The log holds no
 * usage: that is in the session's `settings.json` (see settings.ts).
 */
function session_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const type = str(o.type) ?? 'none';
    const emit = (payloads) => {
        const list = payloads.length > 0 ? payloads : [{ kind: 'other', type }];
        for (const payload of list)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } });
    };
    switch (type) {
        case 'session_start':
            out.push({
                type: 'session',
                patch: {
                    id: st.sessionId,
                    agent: 'factory-droid',
                    originator: 'factory-droid',
                    source: 'session',
                    cwd: str(o.cwd) ?? null,
                    title: str(o.sessionTitle) ?? str(o.title) ?? null,
                    started_at: ts
                }
            });
            return emit([{ kind: 'session_meta' }]);
        case 'message': {
            const m = obj(o.message) ?? {};
            const role = str(m.role) ?? '';
            if (ts)
                out.push({ type: 'session', patch: { id: st.sessionId, agent: 'factory-droid', started_at: ts, ended_at: ts } });
            if (role === 'user')
                return emit(userMessage(st, m.content));
            if (role === 'assistant')
                return emit(session_assistantMessage(st, m.content));
            out.push({ type: 'unknown', line: lineNo, what: `message role "${role}"` });
            return emit([]);
        }
        default:
            out.push({ type: 'unknown', line: lineNo, what: `entry "${type}"` });
            return emit([]);
    }
}
/**
 * A Droid session opens with `{"type": "session_start", "id", "title", "owner"?, "cwd"}`. Another
 * tool's `session_start` (Enso's carries `model` and `resumed`) is not taken; nor is a file under
 * an Antigravity folder.
 */
function sniffDroid(head) {
    if (NOT_DROID.test(head.path))
        return false;
    const h = head.parsed[0];
    if (!isObject(h) || h.type !== 'session_start')
        return false;
    if (typeof h.id !== 'string' || typeof h.cwd !== 'string' || 'resumed' in h || 'payload' in h)
        return false;
    return typeof h.title === 'string' || typeof h.sessionTitle === 'string' || typeof h.owner === 'string';
}
const droidSession = {
    mode: 'lines',
    id: 'factory-droid-session',
    agent: 'factory-droid',
    description: 'Factory Droid session (~/.factory/sessions/<folder>/<session>.jsonl)',
    sniff: sniffDroid,
    createParser: (ctx, state) => lineParser(state, { initial: { sessionId: droidSessionId(ctx.path, ctx.fallbackSessionId), writes: [] }, push: session_pushLine })
};

;// CONCATENATED MODULE: ./src/sources/factory-droid/usage.ts



/**
 * `tokenUsage` of a session's `settings.json`: the session's running totals, each counted apart
 * (`totalTokens`, where written, is the sum of all five): `inputTokens` without the cache,
 * `cacheReadTokens`, `cacheCreationTokens`, `outputTokens` without reasoning, `thinkingTokens`.
 */
function droidTokens(v) {
    const u = obj(v);
    const fields = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'thinkingTokens'];
    if (!u || !fields.some((f) => typeof u[f] === 'number'))
        return null;
    const fresh = tokenCount(u.inputTokens, 'inputTokens') ?? 0;
    const read = tokenCount(u.cacheReadTokens, 'cacheReadTokens') ?? 0;
    const write = tokenCount(u.cacheCreationTokens, 'cacheCreationTokens') ?? 0;
    const thinking = tokenCount(u.thinkingTokens, 'thinkingTokens') ?? 0;
    const output = (tokenCount(u.outputTokens, 'outputTokens') ?? 0) + thinking;
    const input = fresh + read + write;
    return { input, cached_input: read, cache_write: write, output, reasoning_output: thinking, total: input + output };
}
function factory_droid_usage_usageRow(model, t) {
    const empty = isZeroTokens(t);
    return { kind: 'token_usage', model, delta: t, cumulative: t, counted: !empty, reason: empty ? 'empty' : null };
}

;// CONCATENATED MODULE: ./src/sources/factory-droid/settings.ts





/** The settings file: one JSON object naming the session's model and holding its running `tokenUsage`. */
function sniffSettings(head) {
    if (NOT_DROID.test(head.path) || !head.text.trimStart().startsWith('{'))
        return false;
    if (!/"tokenUsage"\s*:\s*\{/.test(head.text))
        return false;
    return /"(providerLock|providerLockTimestamp|autonomyMode|reasoningEffort)"\s*:/.test(head.text);
}
/**
 * `~/.factory/sessions/<folder>/<id>.settings.json`: Droid rewrites it as the session goes, so
 * its `tokenUsage` is the session's total so far, stored as one usage row (a re-read replaces
 * the file's earlier row, it does not add to it). Its `model` is the session's model.
 */
function parseSettings(text, ctx, out) {
    const doc = JSON.parse(text);
    if (!isObject(doc))
        throw new Error('expected a JSON object');
    const id = droidSessionId(ctx.path, ctx.fallbackSessionId);
    const model = str(doc.model) ?? null;
    const ts = toUtcIso(doc.providerLockTimestamp);
    out.push({ type: 'session', patch: { id, agent: 'factory-droid' } });
    const tokens = droidTokens(doc.tokenUsage);
    const payloads = [
        ...(model ? [{ payload: { kind: 'turn_context', model, cwd: null, effort: str(doc.reasoningEffort) ?? null } }] : []),
        ...(tokens ? [{ payload: factory_droid_usage_usageRow(model, tokens) }] : [])
    ];
    emitRecord(out, id, 1, ts, payloads, text);
}
const droidSettings = {
    mode: 'document',
    id: 'factory-droid-settings',
    agent: 'factory-droid',
    promptless: true,
    description: 'Factory Droid session settings: model and token totals (~/.factory/sessions/<folder>/<session>.settings.json)',
    sniff: sniffSettings,
    parseDocument: parseSettings
};

;// CONCATENATED MODULE: ./src/sources/factory-droid/index.ts



/** Both Factory Droid files of a session, for registration. */
const droidSources = [droidSession, droidSettings];

;// CONCATENATED MODULE: ./src/sources/gemini-cli/messages.ts




function nothingSent() {
    return { prompt: false, text: false, thoughts: 0, calls: [], results: [], tokens: null };
}
const REFERENCED_FILES = '\n--- Content from referenced files ---';
const SESSION_CONTEXT = /^\s*<session_context>/;
/** `TokensSummary` → normalized counts. Gemini's `input` already holds `cached`; `thoughts` are output. */
function geminiTokens(v) {
    const t = obj(v);
    if (!t)
        return null;
    // `tool` (toolUsePromptTokenCount) is prompt-side and part of Gemini's total, so it belongs in input.
    const input = (num(t.input) ?? 0) + (num(t.tool) ?? 0);
    const thoughts = num(t.thoughts) ?? 0;
    const output = (num(t.output) ?? 0) + thoughts;
    return { input, cached_input: Math.min(num(t.cached) ?? 0, input), cache_write: 0, output, reasoning_output: thoughts, total: input + output };
}
/** Text of a `PartListUnion`: a string, a part, or an array of parts. */
function messages_partsText(v) {
    if (typeof v === 'string')
        return v;
    const parts = Array.isArray(v) ? v : [v];
    return parts
        .map((p) => (typeof p === 'string' ? p : (str(obj(p)?.text) ?? '')))
        .filter((t) => t !== '')
        .join('\n');
}
function countParts(v, key) {
    return (arr(v) ?? []).filter((p) => isObject(p) && key in p).length;
}
/** Only `functionResponse` parts: a tool result echoed back as a user turn. */
function onlyToolResponses(v) {
    const parts = arr(v);
    return parts !== undefined && parts.length > 0 && parts.every((p) => isObject(p) && 'functionResponse' in p);
}
/**
 * The prompt as the person typed it: `@file` expansion appends the files' contents to the
 * recorded content, and `logs.json` holds the text before expansion, so keys match on this.
 */
function typedPromptText(text) {
    const i = text.indexOf(REFERENCED_FILES);
    return (i === -1 ? text : text.slice(0, i)).trim();
}
/** The dedupe key shared by a chat recording's prompt and the same prompt in `logs.json`. */
function messages_promptKey(ctx, typed) {
    const h = shortHash(typed);
    const n = (ctx.promptSeen[h] ?? 0) + 1;
    ctx.promptSeen[h] = n;
    return `gemini-cli:prompt:${ctx.sessionId}:${h}:${n}`;
}
function toolOutput(result) {
    const texts = [];
    let failed = false;
    for (const p of arr(result) ?? (result === undefined || result === null ? [] : [result])) {
        const fr = obj(obj(p)?.functionResponse);
        const resp = obj(fr?.response);
        if (resp) {
            if (resp.error !== undefined)
                failed = true;
            const v = resp.output ?? resp.error ?? resp;
            texts.push(typeof v === 'string' ? v : JSON.stringify(v));
        }
        else if (typeof p === 'string' || str(obj(p)?.text) !== undefined) {
            texts.push(messages_partsText(p));
        }
    }
    return { output: texts.join('\n'), failed };
}
const WRITE_TOOLS = { replace: 'update', edit: 'update', write_file: 'unknown' };
function toolCallPayloads(tc, sent) {
    const out = [];
    const id = str(tc.id) ?? null;
    const name = str(tc.name) ?? 'unknown';
    const key = id ?? `${name}:${JSON.stringify(tc.args ?? null)}`;
    if (!sent.calls.includes(key)) {
        sent.calls.push(key);
        const args = tc.args === undefined ? '{}' : typeof tc.args === 'string' ? tc.args : JSON.stringify(tc.args);
        const command = name === 'run_shell_command' ? commandFromArgs(tc.args) : null;
        out.push({
            payload: { kind: 'tool_call', call_id: id, name, arguments: args, command, tool_type: 'function' },
            dedupe_key: id ? `gemini-cli:call:${id}` : null
        });
    }
    const status = str(tc.status) ?? null;
    const done = tc.result !== undefined || (status !== null && status !== 'executing' && status !== 'scheduled' && status !== 'validating');
    if (done && !sent.results.includes(key)) {
        sent.results.push(key);
        const { output, failed } = toolOutput(tc.result);
        out.push({ payload: { kind: 'tool_result', call_id: id, output, exit_code: null, duration_ms: null, status: status ?? (failed ? 'error' : null) } });
        const change = WRITE_TOOLS[name];
        const path = str(obj(tc.args)?.file_path) ?? str(obj(tc.args)?.absolute_path);
        if (change && path && status === 'success')
            out.push({ payload: { kind: 'file_change', path, change, call_id: id } });
    }
    return out;
}
function tokenPayload(m, sent, model) {
    const t = geminiTokens(m.tokens);
    if (!t || (sent.tokens && tokensEqual(sent.tokens, t)))
        return [];
    const first = sent.tokens === null;
    const delta = first ? t : subtractTokens(t, sent.tokens);
    sent.tokens = t;
    if (hasNegative(delta))
        return [
            {
                payload: {
                    kind: 'token_usage',
                    model,
                    delta: { ...t, input: 0, cached_input: 0, output: 0, reasoning_output: 0, total: 0 },
                    cumulative: null,
                    counted: false,
                    reason: 'counter-reset'
                }
            }
        ];
    const id = str(m.id);
    return [
        {
            payload: { kind: 'token_usage', model, delta, cumulative: null, counted: !isZeroTokens(delta), reason: isZeroTokens(delta) ? 'empty' : null },
            dedupe_key: first && id ? `gemini-cli:tokens:${id}` : null
        }
    ];
}
function geminiPayloads(m, sent, ctx) {
    const out = [];
    const model = str(m.model) ?? ctx.model;
    if (model && model !== ctx.model) {
        ctx.model = model;
        out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } });
    }
    const thoughts = arr(m.thoughts) ?? [];
    for (const th of thoughts.slice(sent.thoughts)) {
        const o = obj(th);
        const text = [str(o?.subject), str(o?.description)].filter(Boolean).join(': ');
        out.push({ payload: { kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 } });
    }
    sent.thoughts = Math.max(sent.thoughts, thoughts.length);
    const text = messages_partsText(m.content);
    if (text.trim() !== '' && !sent.text) {
        sent.text = true;
        out.push({ payload: { kind: 'assistant_message', text, phase: null } });
    }
    for (const tc of arr(m.toolCalls) ?? [])
        if (isObject(tc))
            out.push(...toolCallPayloads(tc, sent));
    out.push(...tokenPayload(m, sent, model));
    return out;
}
function messages_userPayloads(m, sent, ctx) {
    if (sent.prompt)
        return [];
    sent.prompt = true;
    if (onlyToolResponses(m.content))
        return [{ payload: { kind: 'context_message', role: 'tool', text: toolOutput(m.content).output } }];
    const text = messages_partsText(m.content);
    if (SESSION_CONTEXT.test(text))
        return [{ payload: { kind: 'context_message', role: 'user', text } }];
    const shown = m.displayContent !== undefined && m.displayContent !== null ? messages_partsText(m.displayContent) : text;
    const payload = { kind: 'user_prompt', text: shown, by_agent: ctx.byAgent, images: countParts(m.content, 'inlineData') };
    return [{ payload, dedupe_key: messages_promptKey(ctx, typedPromptText(shown)) }];
}
const messages_MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);
/** Gemini CLI's own message types; another (a fork's, or a new one) is stored as `other` and reported as unknown. */
function isKnownMessageType(type) {
    return typeof type === 'string' && messages_MESSAGE_TYPES.has(type);
}
/** The `unknown` record for a message of a type Gemini CLI does not write, or null. */
function unknownMessage(m, line) {
    if (isKnownMessageType(m.type))
        return null;
    const type = str(m.type) ?? '?';
    return { type: 'unknown', line, what: `message type "${type.length > 40 ? `${type.slice(0, 40)}…` : type}"` };
}
/**
 * Normalized payloads for one `MessageRecord`, minus what `sent` says was already emitted for
 * its id (`sent` is updated). Unknown `type`s (forks such as "bob-shell") are kept as `other`.
 */
function messagePayloads(m, sent, ctx) {
    switch (m.type) {
        case 'user':
            return messages_userPayloads(m, sent, ctx);
        case 'gemini':
            return geminiPayloads(m, sent, ctx);
        case 'error':
            if (sent.text)
                return [];
            sent.text = true;
            return [{ payload: { kind: 'marker', marker: 'error', detail: messages_partsText(m.content) } }];
        case 'info':
        case 'warning':
            if (sent.text)
                return [];
            sent.text = true;
            return [{ payload: { kind: 'context_message', role: m.type, text: messages_partsText(m.content) } }];
        default:
            if (sent.text)
                return [];
            sent.text = true;
            return [{ payload: { kind: 'other', type: `gemini-message:${str(m.type) ?? '?'}` } }];
    }
}

;// CONCATENATED MODULE: ./src/sources/gemini-cli/journal.ts




function isMessageRecord(o) {
    return typeof o.id === 'string' && typeof o.timestamp === 'string' && isKnownMessageType(o.type) && 'content' in o;
}
function isJournalHeader(o) {
    return typeof o.sessionId === 'string' && typeof o.projectHash === 'string' && typeof o.id !== 'string' && !Array.isArray(o.messages);
}
/** A message of any type, Gemini's own or a fork's (its `unknown` is reported when parsed). */
function isMessageLike(o) {
    return typeof o.id === 'string' && typeof o.timestamp === 'string' && typeof o.type === 'string' && 'content' in o;
}
/** A journal operation: an object whose keys are all `$` names (`$set`, `$rewindTo`, or one added later). */
function isJournalOp(o) {
    const keys = Object.keys(o);
    return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}
/** The journal: a header line, or (in trimmed or headerless files) message records and `$` ops. */
function sniffJournal(head) {
    const objs = head.parsed.filter(isObject);
    if (objs.length === 0 || objs.length < head.parsed.filter((p) => p !== undefined).length)
        return false;
    return objs.some((o) => isJournalHeader(o) || isMessageRecord(o)) && objs.every((o) => isJournalHeader(o) || isMessageLike(o) || isJournalOp(o));
}
/** What an uninterpreted journal line is, for the drift count: its `$` operation, or its keys. */
function describeRecord(o) {
    // Key names go into warnings: a key is short, anything longer is not one.
    const keys = Object.keys(o).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k));
    if (isJournalOp(o))
        return `journal op ${keys.map((k) => `"${k}"`).join(', ')}`;
    return `journal record with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}
/** Session facts from a conversation record's metadata (legacy file, journal header or `$set`). */
function geminiPatch(meta, ctx, path) {
    const subagent = meta.kind === 'subagent';
    // Sub-agent recordings live in `chats/<parentSessionId>/<sessionId>.jsonl`.
    const parentDir = path.split(/[\\/]/).slice(-2, -1)[0];
    const parent = subagent && parentDir && parentDir !== 'chats' ? parentDir : null;
    const dirs = arr(meta.directories);
    return {
        id: ctx.sessionId,
        agent: 'gemini-cli',
        source: str(meta.kind) ?? null,
        started_at: toUtcIso(meta.startTime),
        ended_at: toUtcIso(meta.lastUpdated),
        cwd: dirs && typeof dirs[0] === 'string' ? dirs[0] : null,
        title: str(meta.summary) ?? null,
        parent_id: parent,
        parent_relation: parent ? 'subagent' : null
    };
}
/**
 * The 2026 JSONL journal. Messages are upserted by id and `$rewindTo` deletes a message and
 * everything after it, so nothing is emitted while lines arrive: entries are held in the parser
 * state and emitted at `end()`, when the final order is known. A rewound message that was never
 * emitted is dropped (its tokens stay visible as an uncounted `rewound` row); a later write to an
 * already-emitted id adds only what is new. What cannot be undone: messages stored by an earlier
 * ingest of a live file and rewound afterwards stay counted (a `rollback` marker says how many).
 */
class GeminiJournalParser {
    ctxIn;
    st;
    constructor(ctxIn, state) {
        this.ctxIn = ctxIn;
        this.st = state ?? {
            ctx: { sessionId: ctxIn.fallbackSessionId, byAgent: false, model: null, promptSeen: {} },
            entries: []
        };
    }
    state() {
        return this.st;
    }
    push(line, lineNo, out) {
        const o = parseObjectLine(line, lineNo, out);
        if (!o)
            return;
        if (typeof o.$rewindTo === 'string')
            return this.rewind(o.$rewindTo, lineNo);
        const set = obj(o.$set);
        if (set)
            return this.metadata(set, lineNo, out);
        if (typeof o.id === 'string') {
            const unknown = unknownMessage(o, lineNo);
            if (unknown)
                out.push(unknown);
            return this.upsert(o, lineNo);
        }
        if (isJournalHeader(o)) {
            this.st.ctx.sessionId = o.sessionId;
            this.st.ctx.byAgent = o.kind === 'subagent';
            return void out.push({ type: 'session', patch: geminiPatch(o, this.st.ctx, this.ctxIn.path) });
        }
        out.push({ type: 'unknown', line: lineNo, what: describeRecord(o) });
    }
    end(out) {
        const ctx = this.st.ctx;
        for (const e of this.st.entries) {
            if (e.events?.length) {
                emitRecord(out, ctx.sessionId, e.line, null, e.events.map((payload) => ({ payload })));
                e.events = [];
            }
            if (!e.record)
                continue;
            const sent = e.sent ?? nothingSent();
            emitRecord(out, ctx.sessionId, e.line, toUtcIso(e.record.timestamp), messagePayloads(e.record, sent, ctx), JSON.stringify(e.record));
            e.sent = sent;
            e.record = null;
        }
    }
    upsert(m, lineNo) {
        const e = this.st.entries.find((x) => x.id === m.id);
        if (e) {
            e.record = m;
            e.line = lineNo;
        }
        else {
            this.st.entries.push({ id: m.id, line: lineNo, record: m, sent: null });
        }
    }
    rewind(target, lineNo) {
        const entries = this.st.entries;
        const idx = entries.findIndex((x) => x.id === target);
        // Gemini CLI's own loader clears everything when the target is unknown.
        const removed = entries.splice(idx === -1 ? 0 : idx);
        const stored = removed.filter((x) => x.sent !== null && !x.id.startsWith('$')).length;
        const dropped = removed.filter((x) => x.sent === null && !x.id.startsWith('$')).length;
        const events = [
            {
                kind: 'marker',
                marker: 'rollback',
                detail: `rewound to ${target}: ${dropped} message(s) dropped${stored ? `, ${stored} stored by an earlier ingest stay counted` : ''}`
            }
        ];
        for (const x of removed) {
            const t = x.record && x.sent === null ? geminiTokens(x.record.tokens) : null;
            if (t)
                events.push({ kind: 'token_usage', model: str(x.record?.model) ?? null, delta: t, cumulative: null, counted: false, reason: 'rewound' });
        }
        entries.push({ id: `$${lineNo}`, line: lineNo, record: null, sent: null, events });
    }
    metadata(set, lineNo, out) {
        const ctx = this.st.ctx;
        if (typeof set.sessionId === 'string')
            ctx.sessionId = set.sessionId;
        const patch = { id: ctx.sessionId, agent: 'gemini-cli', ended_at: toUtcIso(set.lastUpdated), title: str(set.summary) ?? null };
        out.push({ type: 'session', patch });
        const messages = arr(set.messages);
        if (!messages)
            return;
        // A checkpoint after /compress: known ids are rewritten in place; compressed-away messages
        // still happened and stay; new ids are the synthetic summary, context rather than prompts.
        const synthetic = [];
        for (const m of messages) {
            if (!isObject(m) || typeof m.id !== 'string')
                continue;
            const e = this.st.entries.find((x) => x.id === m.id);
            if (e) {
                e.record = m;
                e.line = lineNo;
            }
            else
                synthetic.push(messages_partsText(m.content));
        }
        const text = synthetic.join('\n\n');
        this.st.entries.push({ id: `$${lineNo}`, line: lineNo, record: null, sent: null, events: [{ kind: 'compaction', text: text || null, encrypted: false }] });
    }
}
const geminiJournal = {
    mode: 'lines',
    id: 'gemini-cli-journal',
    agent: 'gemini-cli',
    description: 'Gemini CLI chat recording journal (chats/session-*.jsonl since Apr 2026: upserts by id, $set, $rewindTo)',
    sniff: sniffJournal,
    createParser: (ctx, state) => new GeminiJournalParser(ctx, state)
};

;// CONCATENATED MODULE: ./src/sources/gemini-cli/prompt-log.ts




/** `logs.json`: a JSON array of `{sessionId, messageId, timestamp, type, message}`. */
function sniffPromptLog(head) {
    const text = head.text.trimStart();
    return text.startsWith('[') && /"sessionId"\s*:/.test(text) && /"messageId"\s*:\s*\d/.test(text) && /"message"\s*:/.test(text);
}
/**
 * `logs.json` holds every line a person typed, slash commands included, and outlives nothing:
 * the same retention deletes it with the chats. Prompts carry the same key as the chat
 * recording's copy, so whichever file is stored second is marked replayed and counted once.
 */
function parsePromptLog(text, ctx, out) {
    const doc = JSON.parse(text);
    if (!Array.isArray(doc))
        throw new Error('not a JSON array');
    const ctxs = new Map();
    doc.forEach((e, i) => {
        if (!isObject(e) || typeof e.message !== 'string')
            return void out.push({ type: 'skip', line: i + 1, reason: 'log entry without a message' });
        const sid = str(e.sessionId) ?? ctx.fallbackSessionId;
        let g = ctxs.get(sid);
        if (!g) {
            g = { sessionId: sid, byAgent: false, model: null, promptSeen: {} };
            ctxs.set(sid, g);
            out.push({ type: 'session', patch: { id: sid, agent: 'gemini-cli', started_at: toUtcIso(e.timestamp) } });
        }
        const typed = e.message.trim();
        const ts = toUtcIso(e.timestamp);
        const raw = JSON.stringify(e);
        if (e.type !== 'user')
            return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: str(e.type) ?? 'unknown', text: e.message } }], raw);
        // Slash commands and shell-mode input never reach the model as a prompt.
        if (/^[/!]/.test(typed))
            return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: 'command', text: e.message } }], raw);
        const key = messages_promptKey(g, typedPromptText(typed));
        emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'user_prompt', text: e.message, by_agent: false, images: 0 }, dedupe_key: key }], raw);
    });
}
const geminiPromptLog = {
    mode: 'document',
    id: 'gemini-cli-logs',
    agent: 'gemini-cli',
    description: 'Gemini CLI prompt history (~/.gemini/tmp/<project>/logs.json)',
    sniff: sniffPromptLog,
    parseDocument: parsePromptLog
};

;// CONCATENATED MODULE: ./src/sources/gemini-cli/session.ts





/** A whole-file `ConversationRecord`, pretty-printed (so its lines are not JSON) or on one line. */
function sniffSession(head) {
    const text = head.text.trimStart();
    if (!text.startsWith('{'))
        return false;
    const first = head.parsed[0];
    if (isObject(first))
        return typeof first.sessionId === 'string' && typeof first.projectHash === 'string' && Array.isArray(first.messages);
    return /^\s*"sessionId"\s*:/m.test(text) && /^\s*"projectHash"\s*:/m.test(text) && /^\s*"messages"\s*:\s*\[/m.test(text);
}
function parseSession(text, ctx, out) {
    const doc = JSON.parse(text);
    if (!isObject(doc))
        throw new Error('not a JSON object');
    const gctx = { sessionId: str(doc.sessionId) ?? ctx.fallbackSessionId, byAgent: doc.kind === 'subagent', model: null, promptSeen: {} };
    out.push({ type: 'session', patch: geminiPatch(doc, gctx, ctx.path) });
    (arr(doc.messages) ?? []).forEach((m, i) => {
        if (!isObject(m))
            return void out.push({ type: 'skip', line: i + 1, reason: 'message is not an object' });
        const unknown = unknownMessage(m, i + 1);
        if (unknown)
            out.push(unknown);
        emitRecord(out, gctx.sessionId, i + 1, toUtcIso(m.timestamp), messagePayloads(m, nothingSent(), gctx), JSON.stringify(m));
    });
}
const geminiSession = {
    mode: 'document',
    id: 'gemini-cli-session',
    agent: 'gemini-cli',
    description: 'Gemini CLI chat recording, whole-file JSON (~/.gemini/tmp/<project>/chats/session-*.json, Aug 2025 to Apr 2026)',
    sniff: sniffSession,
    parseDocument: parseSession
};

;// CONCATENATED MODULE: ./src/sources/gemini-cli/index.ts




/** Every Gemini CLI format, for registration. */
const geminiSources = [geminiSession, geminiJournal, geminiPromptLog];

;// CONCATENATED MODULE: ./src/sources/pi/usage.ts



/**
 * An assistant message's `usage`: `input` is the fresh input only, `cacheRead` and `cacheWrite`
 * come apart (pi-ai normalizes every provider so; `totalTokens` is the sum of the four), and
 * `output` includes reasoning.
 */
function piTokens(v) {
    const u = obj(v);
    if (!u || !['input', 'output', 'cacheRead', 'cacheWrite'].some((f) => typeof u[f] === 'number'))
        return null;
    const fresh = tokenCount(u.input, 'input') ?? 0;
    const read = tokenCount(u.cacheRead, 'cacheRead') ?? 0;
    const write = tokenCount(u.cacheWrite, 'cacheWrite') ?? 0;
    const output = tokenCount(u.output, 'output') ?? 0;
    const input = fresh + read + write;
    return { input, cached_input: read, cache_write: write, output, reasoning_output: 0, total: input + output };
}
/** The usage row of one assistant message; an all-zero usage (an aborted request) is kept, not counted. */
function pi_usage_usageRow(model, usage) {
    const t = piTokens(usage);
    if (!t)
        return [];
    const empty = isZeroTokens(t);
    return [{ kind: 'token_usage', model, delta: t, cumulative: null, counted: !empty, reason: empty ? 'empty' : null }];
}
/** `usage.cost.total`: the request's cost in US dollars as pi priced it. */
const usage_requestCost = (usage) => num(obj(obj(usage)?.cost)?.total) ?? null;

;// CONCATENATED MODULE: ./src/sources/pi/entries.ts




const entries_initialState = (sessionId) => ({ sessionId, model: null, writes: [], cost: null });
/** Entry types that carry nothing a report shows: stored raw as `other`. */
const entries_KNOWN_UNINTERPRETED = new Set(['label', 'custom', 'branch_summary']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
function entries_textOf(content) {
    if (typeof content === 'string')
        return { text: content, images: 0 };
    const blocks = (arr(content) ?? []).map(obj).filter((b) => b !== undefined);
    const text = blocks
        .filter((b) => b.type === 'text')
        .map((b) => str(b.text) ?? '')
        .join('\n');
    return { text, images: blocks.filter((b) => b.type === 'image').length };
}
function entries_modelChange(st, model, cwd = null) {
    if (!model || model === st.model)
        return [];
    st.model = model;
    return [{ kind: 'turn_context', model, cwd }];
}
/** `write` creates or overwrites a file (which of the two the log does not say); `edit` changes one. */
function writeOf(name, args, id) {
    const path = str(args.path) ?? str(args.file_path);
    if (!path)
        return null;
    if (name === 'write')
        return { kind: 'file_change', path, change: 'unknown', call_id: id };
    if (name === 'edit')
        return { kind: 'file_change', path, change: 'update', call_id: id };
    return null;
}
function assistant(st, m) {
    const out = [...entries_modelChange(st, str(m.model))];
    for (const b of (arr(m.content) ?? []).map(obj)) {
        if (!b)
            continue;
        if (b.type === 'text' && str(b.text)?.trim())
            out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null });
        else if (b.type === 'thinking') {
            const text = str(b.thinking) ?? '';
            if (text.trim() || b.redacted === true)
                out.push({ kind: 'reasoning', text, encrypted: b.redacted === true, encrypted_bytes: 0 });
        }
        else if (b.type === 'toolCall') {
            const id = str(b.id) ?? null;
            const name = str(b.name) ?? 'unknown';
            const args = obj(b.arguments) ?? {};
            const command = name === 'bash' ? (str(args.command) ?? null) : null;
            out.push({ kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(args), command, tool_type: 'function' });
            const change = id ? writeOf(name, args, id) : null;
            if (id && change)
                st.writes.push({ id, change });
        }
    }
    out.push(...pi_usage_usageRow(st.model, m.usage));
    const cost = usage_requestCost(m.usage);
    if (cost !== null)
        st.cost = (st.cost ?? 0) + cost;
    const stop = str(m.stopReason);
    if (stop === 'aborted')
        out.push({ kind: 'marker', marker: 'abort', detail: str(m.errorMessage) ?? null });
    else if (stop === 'error')
        out.push({ kind: 'marker', marker: 'error', detail: str(m.errorMessage) ?? null });
    return out;
}
function entries_toolResult(st, m) {
    const id = str(m.toolCallId) ?? null;
    const failed = m.isError === true;
    const out = [
        { kind: 'tool_result', call_id: id, output: entries_textOf(m.content).text, exit_code: null, duration_ms: null, status: failed ? 'error' : 'success' }
    ];
    const pending = id ? st.writes.find((w) => w.id === id) : undefined;
    if (pending) {
        st.writes = st.writes.filter((w) => w !== pending);
        if (!failed)
            out.push(pending.change);
    }
    return out;
}
/** A `!command` the person ran in pi's prompt: a shell call and its output in one message. */
function bashExecution(m, id) {
    const command = str(m.command) ?? '';
    const exit = typeof m.exitCode === 'number' && Number.isInteger(m.exitCode) ? m.exitCode : null;
    return [
        { kind: 'tool_call', call_id: id, name: 'bash', arguments: JSON.stringify({ command }), command, tool_type: 'local_shell' },
        { kind: 'tool_result', call_id: id, output: str(m.output) ?? '', exit_code: exit, duration_ms: null, status: m.cancelled === true ? 'cancelled' : null }
    ];
}
function message(st, o) {
    const m = obj(o.message) ?? {};
    const role = str(m.role) ?? 'none';
    switch (role) {
        case 'user': {
            const { text, images } = entries_textOf(m.content);
            return [{ kind: 'user_prompt', text, by_agent: false, images }];
        }
        case 'assistant':
            return assistant(st, m);
        case 'toolResult':
            return entries_toolResult(st, m);
        case 'bashExecution':
            return bashExecution(m, str(o.id) ?? str(o.timestamp) ?? null);
        case 'custom':
        case 'hookMessage':
            return [{ kind: 'context_message', role: `custom:${str(m.customType) ?? ''}`, text: entries_textOf(m.content).text }];
        default:
            return [];
    }
}
/** The id of the session a header names as its origin (`parentSession`, older `branchedFrom`): the UUID in that file's name. */
function parentOf(h) {
    const from = str(h.parentSession) ?? str(h.branchedFrom);
    return from ? (UUID.exec((0,external_node_path_namespaceObject.basename)(from))?.[0]?.toLowerCase() ?? null) : null;
}
/**
 * One line of a pi session (`~/.pi/agent/sessions/--<cwd>--/<time>_<id>.jsonl`): the `session`
 * header (id, start, cwd; version 1 headers also name the model), `message` entries (user,
 * assistant with usage and cost, tool results, `!` commands, extension messages), model and
 * thinking-level changes, compactions and the session's name.
 */
function entries_pushLine(st, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const ts = toUtcIso(o.timestamp);
    const type = str(o.type) ?? 'none';
    const emit = (payloads) => {
        const list = payloads.length > 0 ? payloads : [{ kind: 'other', type }];
        for (const payload of list)
            out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } });
    };
    switch (type) {
        case 'session': {
            st.sessionId = str(o.id) ?? st.sessionId;
            const parent = parentOf(o);
            out.push({
                type: 'session',
                patch: {
                    id: st.sessionId,
                    agent: 'pi',
                    originator: 'pi',
                    source: 'session',
                    agent_version: typeof o.version === 'number' ? `session format ${o.version}` : 'session format 1',
                    started_at: ts,
                    cwd: str(o.cwd) ?? null,
                    parent_id: parent,
                    parent_relation: parent ? 'fork' : null
                }
            });
            return emit([{ kind: 'session_meta' }, ...entries_modelChange(st, str(o.modelId), str(o.cwd) ?? null)]);
        }
        case 'message': {
            const payloads = message(st, o);
            const role = str(obj(o.message)?.role) ?? '';
            if (payloads.length === 0)
                out.push({ type: 'unknown', line: lineNo, what: `message role "${role}"` });
            // The cost so far rides on each answer, so a session read while still running has the cost of what it did.
            if (role === 'assistant')
                out.push({ type: 'session', patch: { id: st.sessionId, agent: 'pi', reported_cost_usd: st.cost, ended_at: ts } });
            return emit(payloads);
        }
        case 'model_change':
            return emit(entries_modelChange(st, str(o.modelId)));
        case 'thinking_level_change':
            return emit([{ kind: 'turn_context', model: st.model, effort: str(o.thinkingLevel) ?? null }]);
        case 'compaction':
            return emit([{ kind: 'compaction', text: str(o.summary) ?? null, encrypted: false }]);
        case 'custom_message':
            return emit([{ kind: 'context_message', role: `custom:${str(o.customType) ?? ''}`, text: entries_textOf(o.content).text }]);
        case 'session_info':
            out.push({ type: 'session', patch: { id: st.sessionId, agent: 'pi', title: str(o.name) ?? null } });
            return emit([]);
        default:
            if (!entries_KNOWN_UNINTERPRETED.has(type))
                out.push({ type: 'unknown', line: lineNo, what: `entry "${type}"` });
            return emit([]);
    }
}

;// CONCATENATED MODULE: ./src/sources/pi/index.ts



/** Agents built on pi's session manager write the same files: they are not pi's, and their folders say so. */
const OTHER_AGENTS = /(^|[\\/])\.(openclaw|commandcode)([\\/]|$)/i;
/**
 * A pi session opens with its header: `{"type":"session", "id", "timestamp", "cwd", …}` with a
 * numeric `version` (2 and later) or, in version 1, the `provider`/`modelId`/`thinkingLevel` of
 * its start. Command Code and OpenClaw write headers of the same shape (OpenClaw is built on pi):
 * files under their folders are not taken for pi.
 */
function sniffPi(head) {
    if (OTHER_AGENTS.test(head.path))
        return false;
    const h = head.parsed[0];
    if (!isObject(h) || h.type !== 'session')
        return false;
    if (typeof h.id !== 'string' || typeof h.timestamp !== 'string' || typeof h.cwd !== 'string')
        return false;
    return typeof h.version === 'number' || (typeof h.modelId === 'string' && typeof h.thinkingLevel === 'string');
}
const piSession = {
    mode: 'lines',
    id: 'pi-session',
    agent: 'pi',
    description: 'pi coding agent session (~/.pi/agent/sessions/--<cwd>--/<time>_<session>.jsonl)',
    sniff: sniffPi,
    createParser: (ctx, state) => lineParser(state, { initial: entries_initialState(ctx.fallbackSessionId), push: entries_pushLine })
};

;// CONCATENATED MODULE: ./src/sources/qwen-code/parts.ts

/** The `parts` of a record's `message` (a `@google/genai` Content), objects only. */
function messageParts(record) {
    return (arr(obj(record.message)?.parts) ?? []).filter(isObject);
}
/** The visible text of some parts: `thought` parts are reasoning, not text. */
function visibleText(parts) {
    return parts
        .filter((p) => p.thought !== true)
        .map((p) => str(p.text) ?? '')
        .filter((t) => t !== '')
        .join('\n');
}
function thoughtTexts(parts) {
    return parts.filter((p) => p.thought === true && typeof p.text === 'string').map((p) => p.text);
}
function functionCalls(parts) {
    return parts.map((p) => obj(p.functionCall)).filter((c) => c !== undefined);
}
function functionResponses(parts) {
    return parts.map((p) => obj(p.functionResponse)).filter((r) => r !== undefined);
}
/** A function response's text: Qwen puts it in `response.output`, or `response.error` when the tool failed. */
function responseText(r) {
    const resp = obj(r.response);
    if (!resp)
        return { text: '', failed: false };
    const failed = resp.error !== undefined && resp.error !== null;
    const v = resp.output ?? resp.error ?? resp;
    return { text: typeof v === 'string' ? v : JSON.stringify(v), failed };
}

;// CONCATENATED MODULE: ./src/sources/qwen-code/usage.ts


/**
 * A Qwen `usageMetadata` as normalized counts, mapped the way the Gemini source maps its
 * `TokensSummary`: prompt (cached included) and tool-use prompt tokens are input, candidates and
 * thoughts are output. Qwen writes the `@google/genai` field names; versions before 0.15 wrote
 * Gemini CLI's short names (`input`, `output`, `cached`, `thoughts`, `tool`), read here too.
 *
 * Through OpenAI-compatible providers (Qwen's usual path) `candidatesTokenCount` already holds
 * the reasoning tokens (`completion_tokens` does), which Gemini's own API reports apart. The
 * record's `totalTokenCount` tells which: when prompt + candidates already make the total, the
 * thoughts are inside the candidates and are not added again.
 */
function qwenTokens(v) {
    const u = obj(v);
    if (!u)
        return null;
    const long = 'promptTokenCount' in u || 'candidatesTokenCount' in u || 'totalTokenCount' in u;
    const input = num(long ? u.promptTokenCount : u.input) ?? 0;
    const candidates = num(long ? u.candidatesTokenCount : u.output) ?? 0;
    const cached = num(long ? u.cachedContentTokenCount : u.cached) ?? 0;
    const thoughts = num(long ? u.thoughtsTokenCount : u.thoughts) ?? 0;
    const tool = num(long ? u.toolUsePromptTokenCount : u.tool) ?? 0;
    const total = num(long ? u.totalTokenCount : u.total);
    const thoughtsInside = thoughts > 0 && total !== undefined && input + candidates + tool === total;
    return geminiTokens({ input, output: thoughtsInside ? candidates - Math.min(thoughts, candidates) : candidates, cached, thoughts, tool });
}

;// CONCATENATED MODULE: ./src/sources/qwen-code/records.ts




/** Calls remembered for their results; a result arrives a few records after its call, so a window suffices. */
const REMEMBERED_CALLS = 256;
const records_SHELL_TOOLS = new Set(['run_shell_command', 'shell']);
const records_WRITE_TOOLS = { edit: 'update', replace: 'update', write_file: 'unknown' };
/**
 * `system` subtypes Qwen writes for its own bookkeeping (telemetry copies of usage, UI state,
 * attribution, goals, branch checkpoints): known, and nothing a report shows. A subtype outside
 * this list and the interpreted ones is reported as unknown.
 */
const QUIET_SYSTEM = new Set([
    'ui_telemetry',
    'attribution_snapshot',
    'session_notes',
    'session_source',
    'session_execution_engine',
    'omni_recall',
    'session_model',
    'session_approval_mode',
    'agent_bootstrap',
    'agent_launch_prompt',
    'agent_retry',
    'agent_session_ready',
    'file_history_snapshot',
    'user_text_elements',
    'session_artifact_event',
    'session_artifact_snapshot',
    'session_sources_snapshot',
    'branch_checkpoint',
    'goal_state',
    'goal_turn_end',
    'realtime_message',
    'turn_result',
    'managed_session_header_v1',
    'managed_session_event_v1',
    'managed_session_commit_v1'
]);
/** `system` (and `user`) subtypes that are messages to show as context, not prompts. */
const NOTICE_SUBTYPES = new Set(['notification', 'background_task_completed', 'cron', 'goal_runtime']);
/** Written by a sub-agent, so its "user" turns are the parent agent's task. */
function bySubagent(r) {
    return r.isSidechain === true || typeof r.agentId === 'string';
}
function displayText(r) {
    return str(obj(r.systemPayload)?.displayText);
}
function records_userPayloads(r) {
    const parts = messageParts(r);
    const subtype = str(r.subtype);
    const responses = functionResponses(parts);
    if (responses.length > 0 && responses.length === parts.length)
        return [{ payload: { kind: 'context_message', role: 'tool', text: responses.map((x) => responseText(x).text).join('\n') } }];
    const text = displayText(r) ?? visibleText(parts);
    // A mid-turn message is a person steering while tools run: a prompt like any other.
    if (subtype === undefined || subtype === 'mid_turn_user_message') {
        const uuid = str(r.uuid);
        const images = parts.filter((p) => isObject(p.inlineData)).length;
        return [{ payload: { kind: 'user_prompt', text, by_agent: bySubagent(r), images }, dedupe_key: uuid ? `qwen-code:prompt:${uuid}` : null }];
    }
    return [{ payload: { kind: 'context_message', role: subtype, text } }];
}
function records_assistantPayloads(r, ctx) {
    const out = [];
    const model = str(r.model) ?? ctx.model;
    if (model && model !== ctx.model) {
        ctx.model = model;
        out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } });
    }
    const parts = messageParts(r);
    for (const t of thoughtTexts(parts))
        out.push({ payload: { kind: 'reasoning', text: t, encrypted: false, encrypted_bytes: 0 } });
    const text = visibleText(parts);
    if (text.trim() !== '')
        out.push({ payload: { kind: 'assistant_message', text, phase: null } });
    for (const fc of functionCalls(parts))
        out.push(callPayload(fc, ctx));
    const t = qwenTokens(r.usageMetadata);
    const uuid = str(r.uuid);
    if (t)
        out.push({
            payload: { kind: 'token_usage', model, delta: t, cumulative: null, counted: t.total > 0, reason: t.total > 0 ? null : 'empty' },
            dedupe_key: uuid ? `qwen-code:tokens:${uuid}` : null
        });
    return out;
}
function callPayload(fc, ctx) {
    const id = str(fc.id) ?? null;
    const name = str(fc.name) ?? 'unknown';
    const args = obj(fc.args);
    if (id) {
        ctx.calls[id] = { name, path: str(args?.file_path) ?? str(args?.absolute_path) ?? null };
        const ids = Object.keys(ctx.calls);
        for (const old of ids.slice(0, Math.max(0, ids.length - REMEMBERED_CALLS)))
            delete ctx.calls[old];
    }
    const payload = {
        kind: 'tool_call',
        call_id: id,
        name,
        arguments: fc.args === undefined ? '{}' : JSON.stringify(fc.args),
        command: records_SHELL_TOOLS.has(name) ? commandFromArgs(fc.args) : null,
        tool_type: 'function'
    };
    return { payload, dedupe_key: id ? `qwen-code:call:${id}` : null };
}
function toolResultPayloads(r, ctx) {
    const out = [];
    const info = obj(r.toolCallResult);
    const responses = functionResponses(messageParts(r));
    // A result written without the API parts still has the UI copy.
    const items = responses.length > 0 ? responses : info ? [{ id: info.callId, name: info.name, response: { output: info.resultDisplay } }] : [];
    for (const fr of items) {
        const id = str(fr.id) ?? str(info?.callId) ?? null;
        const { text, failed } = responseText(fr);
        const status = str(info?.status) ?? (failed ? 'error' : 'success');
        out.push({ payload: { kind: 'tool_result', call_id: id, output: text, exit_code: null, duration_ms: null, status } });
        const call = id ? ctx.calls[id] : undefined;
        const name = call?.name ?? str(fr.name) ?? '';
        const path = call?.path ?? str(obj(info?.args)?.file_path) ?? null;
        const change = records_WRITE_TOOLS[name];
        if (change && path && status === 'success')
            out.push({ payload: { kind: 'file_change', path, change, call_id: id } });
    }
    return out;
}
/** What a `system` record shows, or `undefined` when its subtype is not one Qwen is known to write. */
function records_systemPayloads(r) {
    const subtype = str(r.subtype) ?? '';
    const p = obj(r.systemPayload);
    switch (subtype) {
        case 'chat_compression': {
            // The summary Qwen wrote opens the compressed history.
            const first = obj(arr(p?.compressedHistory)?.[0]);
            const summary = visibleText((arr(first?.parts) ?? []).filter(isObject));
            return [{ payload: { kind: 'compaction', text: summary || null, encrypted: false } }];
        }
        case 'slash_command':
            return p?.phase === 'invocation' ? [{ payload: { kind: 'context_message', role: 'command', text: str(p.rawCommand) ?? '' } }] : [];
        case 'at_command':
            return [{ payload: { kind: 'context_message', role: 'at_command', text: str(p?.userText) ?? '' } }];
        case 'rewind':
            return [
                {
                    payload: {
                        kind: 'marker',
                        marker: 'rollback',
                        detail: `rewind: ${typeof p?.truncatedCount === 'number' ? p.truncatedCount : '?'} history item(s) truncated`
                    }
                }
            ];
        case 'custom_title':
        case 'parent_session':
            return []; // session facts, read by the parser
    }
    if (NOTICE_SUBTYPES.has(subtype))
        return [{ payload: { kind: 'context_message', role: subtype, text: displayText(r) ?? visibleText(messageParts(r)) } }];
    return QUIET_SYSTEM.has(subtype) ? [] : undefined;
}
/** The events of one Qwen record, or `undefined` when its type (or system subtype) is not one this source knows. */
function recordPayloads(r, ctx) {
    switch (r.type) {
        case 'user':
            return records_userPayloads(r);
        case 'assistant':
            return records_assistantPayloads(r, ctx);
        case 'tool_result':
            return toolResultPayloads(r, ctx);
        case 'system':
            return records_systemPayloads(r);
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/sources/qwen-code/transcript.ts





const qwen_code_transcript_AGENT = 'qwen-code';
const RECORD_TYPES = new Set(['user', 'assistant', 'tool_result', 'system']);
/** Qwen's record envelope, which Claude Code's resembles: `uuid`, `sessionId` and a `type`. */
function transcript_isEnvelope(o) {
    return typeof o.uuid === 'string' && typeof o.sessionId === 'string' && typeof o.type === 'string' && RECORD_TYPES.has(o.type);
}
/**
 * Qwen's own markers inside that envelope: a Gemini-style `message.parts`, `usageMetadata`, a
 * `tool_result` record or a `systemPayload`. A Claude Code line has `message.content` instead,
 * and one such line is enough to leave the file to Claude Code.
 */
function sniffQwen(head) {
    const records = head.parsed.filter(isObject).filter(transcript_isEnvelope);
    if (records.length === 0 || records.some((r) => obj(r.message)?.content !== undefined))
        return false;
    return records.some((r) => Array.isArray(obj(r.message)?.parts) || isObject(r.usageMetadata) || r.type === 'tool_result' || isObject(r.systemPayload));
}
function sessionFacts(r, id, ts) {
    const forked = obj(r.forkedFrom);
    const parent = str(forked?.sessionId) ?? null;
    return {
        id,
        agent: qwen_code_transcript_AGENT,
        agent_version: str(r.version) ?? null,
        started_at: ts,
        cwd: str(r.cwd) ?? null,
        branch: str(r.gitBranch) || null,
        parent_id: parent,
        parent_relation: parent ? 'fork' : null
    };
}
/** Session facts a `system` record carries: a title, or the session that spawned this one. */
function systemFacts(r, id) {
    const p = obj(r.systemPayload);
    if (r.subtype === 'custom_title' && typeof p?.customTitle === 'string')
        return { id, agent: qwen_code_transcript_AGENT, title: p.customTitle };
    if (r.subtype === 'parent_session' && typeof p?.parentSessionId === 'string')
        return { id, agent: qwen_code_transcript_AGENT, parent_id: p.parentSessionId, parent_relation: 'subagent' };
    return null;
}
/** A name from the log as it goes into a warning: a type name is short, anything longer is not one. */
function transcript_short(name) {
    return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}
function push(st, ctx, line, lineNo, out) {
    const r = parseObjectLine(line, lineNo, out);
    if (!r)
        return;
    const what = typeof r.type === 'string'
        ? `record type "${transcript_short(r.type)}"${typeof r.subtype === 'string' ? ` subtype "${transcript_short(r.subtype)}"` : ''}`
        : 'record without a type';
    const items = recordPayloads(r, st);
    if (items === undefined)
        return void out.push({ type: 'unknown', line: lineNo, what });
    const id = str(r.sessionId) ?? st.session ?? ctx.fallbackSessionId;
    const ts = toUtcIso(r.timestamp);
    if (!st.announced.includes(id)) {
        st.announced.push(id);
        out.push({ type: 'session', patch: sessionFacts(r, id, ts) });
    }
    st.session = id;
    if (ts)
        st.lastTs = ts;
    const facts = r.type === 'system' ? systemFacts(r, id) : null;
    if (facts)
        out.push({ type: 'session', patch: facts });
    emitRecord(out, id, lineNo, ts, items);
}
function end(st, out) {
    if (st.session && st.lastTs)
        out.push({ type: 'session', patch: { id: st.session, agent: qwen_code_transcript_AGENT, ended_at: st.lastTs } });
}
/**
 * Qwen Code's chat recording (`~/.qwen/projects/<escaped cwd>/chats/<sessionId>.jsonl`): one
 * append-only record per line, read in file order. Records form a tree through `parentUuid`
 * (a rewind continues from an earlier record); the abandoned branch was still sent and paid
 * for, so its prompts and tokens stay counted, and the `rewind` record is kept as a marker.
 */
const qwenCode = {
    mode: 'lines',
    id: 'qwen-code',
    agent: qwen_code_transcript_AGENT,
    description: 'Qwen Code chat recording (~/.qwen/projects/<project>/chats/<session>.jsonl)',
    sniff: sniffQwen,
    createParser: (ctx, state) => lineParser(state, {
        initial: { model: null, calls: {}, announced: [], session: null, lastTs: null },
        push: (st, line, lineNo, out) => push(st, ctx, line, lineNo, out),
        end
    })
};

;// CONCATENATED MODULE: ./src/sources/qwen-code/index.ts


;// CONCATENATED MODULE: ./src/sources/goose/content.ts


/**
 * What one item of a Goose message's `content_json` becomes (`MessageContent` in goose's
 * crates/goose/src/conversation/message.rs: `{"type": "text" | "toolRequest" | "toolResponse" |
 * "thinking" | "redactedThinking" | …}`). Returns null for an item type this reader does not interpret.
 */
function contentEvents(item, role, userVisible) {
    const type = str(item.type) ?? '';
    switch (type) {
        case 'text': {
            const text = str(item.text) ?? '';
            if (role === 'assistant')
                return [{ kind: 'assistant_message', text }];
            // A user-role text the user never saw is one goose wrote for the model (a summary, a hint).
            if (!userVisible)
                return [{ kind: 'context_message', role: 'hidden', text }];
            return [{ kind: 'user_prompt', text, by_agent: false, images: 0 }];
        }
        case 'toolRequest':
            return toolRequest(item);
        case 'toolResponse':
            return [toolResponse(item)];
        case 'thinking':
            return [{ kind: 'reasoning', text: str(item.thinking) ?? '', encrypted: false, encrypted_bytes: 0 }];
        case 'redactedThinking':
            return [{ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(item.data) ?? '').length }];
        default:
            return null;
    }
}
/** The text editor's commands that write its `path`, and how. */
const EDITS = { write: 'unknown', str_replace: 'update', insert: 'update', undo_edit: 'update' };
function toolRequest(item) {
    const callId = str(item.id) ?? null;
    // `toolCall` is a Result: `{status: "success", value: {name, arguments}}` or `{status: "error", error}`.
    const call = obj(item.toolCall);
    const value = obj(call?.value);
    const name = str(value?.name) ?? 'unknown';
    const args = obj(value?.arguments) ?? {};
    const shell = /(^|__)shell$/.test(name);
    const out = [
        {
            kind: 'tool_call',
            call_id: callId,
            name,
            arguments: JSON.stringify(args),
            command: shell ? commandFromArgs(args) : null,
            tool_type: shell ? 'local_shell' : name.includes('__') ? 'mcp' : 'function'
        }
    ];
    const path = str(args.path);
    const change = EDITS[str(args.command) ?? ''];
    if (/(^|__)text_editor$/.test(name) && path && change)
        out.push({ kind: 'file_change', path, change, call_id: callId });
    return out;
}
function toolResponse(item) {
    const callId = str(item.id) ?? null;
    const result = obj(item.toolResult);
    if (str(result?.status) === 'error')
        return { kind: 'tool_result', call_id: callId, output: str(result?.error) ?? '', status: 'error' };
    // The value is a CallToolResult `{content: [...], isError}`, or in older sessions the content array itself.
    const value = result?.value;
    const content = arr(value) ?? arr(obj(value)?.content) ?? [];
    const text = content
        .map((c) => obj(c))
        .filter((c) => c !== undefined && str(c.type) === 'text')
        .map((c) => str(c.text) ?? '')
        .join('\n');
    const failed = obj(value)?.isError === true;
    return { kind: 'tool_result', call_id: callId, output: text, status: failed ? 'error' : 'success' };
}

;// CONCATENATED MODULE: ./src/sources/goose/index.ts





/**
 * Goose's session store (`sessions/sessions.db`): a `sessions` table with the folder the session
 * ran in and its token totals (`accumulated_*`, the only usage Goose keeps: per session, not per
 * message), and a `messages` table of `content_json` arrays (crates/goose/src/session/).
 */
const goose_AGENT = 'goose';
const goose_SESSION_PAGE = 100;
/** Messages hold whole tool outputs, so they are read in small pages. */
const MESSAGE_PAGE = 50;
/** Session columns read when the schema has them (older databases lack the later ones). */
const goose_SESSION_COLUMNS = [
    'id',
    'name',
    'description',
    'session_type',
    'working_dir',
    'created_at',
    'updated_at',
    'accumulated_total_tokens',
    'accumulated_input_tokens',
    'accumulated_output_tokens',
    'accumulated_cost',
    'provider_name',
    'model_config_json'
];
function goose_sniff(head) {
    return (hasColumns(head.tables, 'sessions', ['id', 'working_dir', 'created_at', 'accumulated_total_tokens']) &&
        hasColumns(head.tables, 'messages', ['id', 'session_id', 'role', 'content_json', 'created_timestamp']));
}
function goose_columns(db, table) {
    return db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table).map((c) => c.name);
}
const goose_select = (have, names) => names.map((n) => (have.includes(n) ? `"${n}"` : `NULL AS "${n}"`)).join(', ');
function* goose_readDatabase(db, _ctx) {
    const sessions = db.prepare(`SELECT ${goose_select(goose_columns(db, 'sessions'), goose_SESSION_COLUMNS)} FROM sessions WHERE id > ? ORDER BY id LIMIT ?`);
    const messages = db.prepare(`SELECT ${goose_select(goose_columns(db, 'messages'), ['id', 'message_id', 'role', 'content_json', 'created_timestamp', 'metadata_json'])}
     FROM messages WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?`);
    let line = 0;
    for (const s of paged(goose_SESSION_PAGE, (after, n) => sessions.all(str(after?.id) ?? '', n))) {
        const id = str(s.id);
        if (!id)
            continue;
        const sessionLine = ++line;
        const model = str(obj(tryParseJson(str(s.model_config_json) ?? ''))?.model_name) ?? null;
        const cost = num(s.accumulated_cost);
        const patch = {
            id,
            agent: goose_AGENT,
            source: str(s.session_type) ?? null,
            started_at: toUtcIso(s.created_at),
            ended_at: toUtcIso(s.updated_at),
            cwd: str(s.working_dir) ?? null,
            title: str(s.name) || str(s.description) || null,
            reported_cost_usd: cost !== undefined && cost > 0 ? cost : null
        };
        yield { line: sessionLine, text: JSON.stringify(s), records: [{ type: 'session', patch }] };
        for (const m of paged(MESSAGE_PAGE, (after, n) => messages.all(id, after?.id ?? -1, n)))
            yield readMessage(id, m, ++line, model);
        const usage = goose_sessionUsage(id, s, sessionLine, model);
        if (usage)
            yield usage;
    }
}
function readMessage(sessionId, m, line, model) {
    const items = arr(tryParseJson(m.content_json));
    if (!items)
        return { line, text: m.content_json, records: [{ type: 'skip', line, reason: `message ${m.id}: content_json is not a JSON array` }] };
    const ts = toUtcIso(m.created_timestamp);
    const userVisible = obj(tryParseJson(m.metadata_json ?? ''))?.userVisible !== false;
    const key = m.message_id ?? String(m.id);
    const records = [];
    let seq = 0;
    if (m.role === 'assistant' && model)
        records.push(goose_event(sessionId, ts, line, { kind: 'turn_context', model }, `goose:${sessionId}:${key}#context`));
    for (const raw of items) {
        const item = obj(raw);
        const found = item ? contentEvents(item, m.role, userVisible) : null;
        if (found === null) {
            records.push({ type: 'unknown', line, what: `content "${str(item?.type) ?? typeof raw}"` });
            continue;
        }
        for (const payload of found)
            records.push(goose_event(sessionId, ts, line, payload, `goose:${sessionId}:${key}#${seq++}`));
    }
    return { line, text: m.content_json, records };
}
function goose_event(session_id, ts, line, payload, dedupe_key) {
    return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } };
}
/** The session's token totals as one usage record (Goose keeps no per-message counts, nor cache figures). */
function goose_sessionUsage(sessionId, s, line, model) {
    const input = num(s.accumulated_input_tokens);
    const output = num(s.accumulated_output_tokens);
    if (input === undefined && output === undefined)
        return null;
    const delta = zeroTokens();
    delta.input = input ?? 0;
    delta.output = output ?? 0;
    delta.total = delta.input + delta.output;
    const empty = delta.total === 0;
    const payload = { kind: 'token_usage', model, delta, cumulative: null, counted: !empty, reason: empty ? 'empty' : null };
    return { line, text: '', records: [goose_event(sessionId, toUtcIso(s.updated_at), line, payload, `goose:${sessionId}:usage`)] };
}
const gooseDatabase = {
    mode: 'database',
    id: 'goose-db',
    agent: goose_AGENT,
    description: 'Goose session store (sessions.db: sessions and messages tables)',
    sniff: goose_sniff,
    readDatabase: goose_readDatabase
};

;// CONCATENATED MODULE: ./src/sources/opencode/parts.ts


/** Part types read for nothing on purpose: step markers, and snapshots (a git tree id). */
const QUIET_PARTS = new Set(['step-start', 'step-finish', 'snapshot']);
/** Tools that write the file named by their `filePath` argument, and how. */
const parts_FILE_TOOLS = { edit: 'update', multiedit: 'update', write: 'unknown' };
/**
 * OpenCode stores input without the cached part and output without reasoning (since its AI SDK 6
 * usage, `adjustedInputTokens` and `outputTokens - reasoningTokens`); normalized input includes
 * cache reads and writes, and output includes reasoning (docs/tokens.md).
 */
function messageTokens(tokens) {
    if (!tokens)
        return null;
    const cache = obj(tokens.cache);
    const input = num(tokens.input) ?? 0;
    const output = num(tokens.output) ?? 0;
    const reasoning = num(tokens.reasoning) ?? 0;
    const read = num(cache?.read) ?? 0;
    const write = num(cache?.write) ?? 0;
    const t = zeroTokens();
    t.input = input + read + write;
    t.cached_input = read;
    t.cache_write = write;
    t.output = output + reasoning;
    t.reasoning_output = reasoning;
    t.total = t.input + t.output;
    return t;
}
/** The events of an assistant message's own row: its usage, and the error it ended with. */
function assistantEvents(id, data) {
    const out = [];
    const model = str(data.modelID) ?? null;
    const cwd = str(obj(data.path)?.cwd) ?? null;
    out.push({ payload: { kind: 'turn_context', model, cwd }, dedupe_key: `opencode:${id}#context` });
    const tokens = messageTokens(obj(data.tokens));
    if (tokens) {
        const empty = tokens.total === 0;
        out.push({
            payload: { kind: 'token_usage', model, delta: tokens, cumulative: null, counted: !empty, reason: empty ? 'empty' : null },
            dedupe_key: `opencode:${id}#usage`
        });
    }
    const error = obj(data.error);
    if (error)
        out.push({ payload: { kind: 'marker', marker: 'error', detail: str(error.name) ?? 'error' }, dedupe_key: `opencode:${id}#error` });
    return out;
}
function parts_toolEvents(part) {
    const tool = str(part.tool) ?? 'unknown';
    const callId = str(part.callID) ?? null;
    const state = obj(part.state) ?? {};
    const input = obj(state.input) ?? {};
    const command = tool === 'bash' ? (str(input.command) ?? null) : null;
    const out = [
        { kind: 'tool_call', call_id: callId, name: tool, arguments: JSON.stringify(input), command, tool_type: tool === 'bash' ? 'local_shell' : 'function' }
    ];
    const status = str(state.status);
    const time = obj(state.time);
    const start = num(time?.start);
    const end = num(time?.end);
    const duration = start !== undefined && end !== undefined && end >= start ? end - start : null;
    if (status === 'completed') {
        const exit = num(obj(state.metadata)?.exit);
        out.push({
            kind: 'tool_result',
            call_id: callId,
            output: str(state.output) ?? '',
            exit_code: exit !== undefined && Number.isInteger(exit) ? exit : null,
            duration_ms: duration,
            status
        });
    }
    else if (status === 'error') {
        out.push({ kind: 'tool_result', call_id: callId, output: str(state.error) ?? '', exit_code: null, duration_ms: duration, status });
    }
    const change = parts_FILE_TOOLS[tool];
    const path = str(input.filePath);
    // A call that failed changed nothing; one still pending or running may yet.
    if (change && path && status !== 'error')
        out.push({ kind: 'file_change', path, change, call_id: callId });
    return out.map((payload) => ({ payload }));
}
/** The events of one part; `null` when its type is not one this reader interprets. */
function partEvents(part, message) {
    const type = str(part.type) ?? '';
    if (QUIET_PARTS.has(type))
        return [];
    switch (type) {
        case 'text': {
            const text = str(part.text) ?? '';
            if (message.role === 'assistant')
                return [{ payload: { kind: 'assistant_message', text } }];
            // Synthetic text is what OpenCode added to the prompt (a file's contents, a tool's note), not what anyone typed.
            if (part.synthetic === true || part.ignored === true)
                return [{ payload: { kind: 'context_message', role: 'synthetic', text } }];
            return [{ payload: { kind: 'user_prompt', text, by_agent: message.byAgent, images: 0 } }];
        }
        case 'reasoning':
            return [{ payload: { kind: 'reasoning', text: str(part.text) ?? '', encrypted: false, encrypted_bytes: 0 } }];
        case 'tool':
            return parts_toolEvents(part);
        case 'file': {
            // The url can be a data: URL holding the whole file; only its name and type are kept.
            const name = str(part.filename) ?? str(obj(part.source)?.path) ?? 'file';
            return [{ payload: { kind: 'context_message', role: 'attachment', text: `[${str(part.mime) ?? 'file'}: ${name}]` } }];
        }
        case 'patch': {
            const files = Array.isArray(part.files) ? part.files.filter((f) => typeof f === 'string') : [];
            return files.map((path) => ({ payload: { kind: 'file_change', path, change: 'unknown', call_id: null } }));
        }
        case 'compaction':
            return [{ payload: { kind: 'compaction', text: null, encrypted: false } }];
        case 'subtask':
            return [{ payload: { kind: 'context_message', role: 'subtask', text: str(part.prompt) ?? '' } }];
        case 'retry':
            return [{ payload: { kind: 'marker', marker: 'error', detail: `retry ${num(part.attempt) ?? ''}`.trim() } }];
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./src/sources/opencode/index.ts




/**
 * OpenCode's SQLite store (`opencode.db`): tables `session`, `message` and `part`, with each
 * message's and part's fields as JSON in `data` (packages/opencode/src/session/session.sql.ts).
 * Sessions carry their folder (`directory`) for repository scoping; sub-agents are child sessions.
 */
const opencode_AGENT = 'opencode';
const opencode_SESSION_PAGE = 100;
const opencode_MESSAGE_PAGE = 200;
/** Parts hold whole tool outputs, so they are read in smaller pages. */
const PART_PAGE = 50;
function opencode_sniff(head) {
    return (hasColumns(head.tables, 'session', ['id', 'project_id', 'title', 'time_created']) &&
        hasColumns(head.tables, 'message', ['id', 'session_id', 'data']) &&
        hasColumns(head.tables, 'part', ['id', 'message_id', 'session_id', 'data']));
}
/** A column that older or newer schemas may lack is read as NULL instead. */
function column(tables, table, name) {
    return tables[table]?.includes(name) ? `"${name}"` : `NULL AS "${name}"`;
}
function* opencode_readDatabase(db, _ctx) {
    const tables = {};
    for (const t of ['session', 'project'])
        tables[t] = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t).map((c) => c.name);
    const c = (name) => column(tables, 'session', name);
    const sessions = db.prepare(`SELECT id, ${c('project_id')}, ${c('parent_id')}, ${c('directory')}, ${c('title')}, ${c('version')}, ${c('time_created')}, ${c('time_updated')}
     FROM session WHERE id > ? ORDER BY id LIMIT ?`);
    // The project's worktree stands in for a session folder the schema no longer has.
    const worktree = hasColumns(tables, 'project', ['id', 'worktree']) ? db.prepare(`SELECT worktree FROM project WHERE id = ?`).pluck() : null;
    const messages = db.prepare(`SELECT id, time_created, data FROM message WHERE session_id = ? AND (time_created > ? OR (time_created = ? AND id > ?)) ORDER BY time_created, id LIMIT ?`);
    const parts = db.prepare(`SELECT id, time_created, data FROM part WHERE message_id = ? AND id > ? ORDER BY id LIMIT ?`);
    let line = 0;
    for (const s of paged(opencode_SESSION_PAGE, (after, n) => sessions.all(after?.id ?? '', n))) {
        const cwd = s.directory ?? (worktree && s.project_id ? (worktree.get(s.project_id) ?? null) : null);
        const patch = {
            id: s.id,
            agent: opencode_AGENT,
            agent_version: s.version,
            started_at: typeof s.time_created === 'number' ? isoOrNull(s.time_created) : null,
            cwd,
            title: s.title,
            parent_id: s.parent_id,
            parent_relation: s.parent_id ? 'subagent' : null
        };
        yield { line: ++line, text: JSON.stringify(s), records: [{ type: 'session', patch }] };
        let cost = 0;
        const byAgent = s.parent_id !== null;
        const pageOfMessages = (after, n) => messages.all(s.id, after?.time_created ?? Number.MIN_SAFE_INTEGER, after?.time_created ?? Number.MIN_SAFE_INTEGER, after?.id ?? '', n);
        for (const m of paged(opencode_MESSAGE_PAGE, pageOfMessages)) {
            const row = opencode_readMessage(s.id, m, ++line, byAgent);
            cost += row.cost;
            yield row.row;
            for (const p of paged(PART_PAGE, (after, n) => parts.all(m.id, after?.id ?? '', n)))
                yield readPart(s.id, p, ++line, row.facts, row.ts);
        }
        // The agent's own cost figure, once every message has been read (messages record 0 where it was not priced).
        // Summing floating-point dollars leaves noise in the last digits (0.0123 + 0.004 = 0.016300000000000002).
        cost = Math.round(cost * 1e9) / 1e9;
        if (cost > 0)
            yield { line, text: '', records: [{ type: 'session', patch: { id: s.id, agent: opencode_AGENT, reported_cost_usd: cost } }] };
    }
}
function parsedData(text) {
    return obj(tryParseJson(text)) ?? null;
}
function opencode_readMessage(sessionId, m, line, byAgent) {
    const data = parsedData(m.data);
    const ts = isoOrNull(num(obj(data?.time)?.created) ?? m.time_created);
    if (!data)
        return {
            row: { line, text: m.data, records: [{ type: 'skip', line, reason: `message ${m.id}: data is not a JSON object` }] },
            facts: { role: '', byAgent },
            ts,
            cost: 0
        };
    const role = str(data.role) ?? '';
    const records = [];
    if (role === 'assistant') {
        for (const it of assistantEvents(m.id, data))
            records.push({ type: 'event', event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? null } });
    }
    else if (role !== 'user')
        records.push({ type: 'unknown', line, what: `message role "${role}"` });
    const cost = role === 'assistant' ? (num(data.cost) ?? 0) : 0;
    return { row: { line, text: m.data, records }, facts: { role, byAgent }, ts, cost: cost > 0 ? cost : 0 };
}
function readPart(sessionId, p, line, message, messageTs) {
    const data = parsedData(p.data);
    if (!data)
        return { line, text: p.data, records: [{ type: 'skip', line, reason: `part ${p.id}: data is not a JSON object` }] };
    const found = partEvents(data, message);
    if (found === null)
        return { line, text: p.data, records: [{ type: 'unknown', line, what: `part "${str(data.type) ?? ''}"` }] };
    const start = num(obj(data.time)?.start) ?? num(obj(obj(data.state)?.time)?.start);
    const ts = start !== undefined ? isoOrNull(start) : messageTs;
    const records = found.map((it, i) => ({
        type: 'event',
        event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? `opencode:${p.id}#${i}` }
    }));
    return { line, text: p.data, records };
}
const opencodeDatabase = {
    mode: 'database',
    id: 'opencode-db',
    agent: opencode_AGENT,
    description: 'OpenCode SQLite store (opencode.db: session, message and part tables)',
    sniff: opencode_sniff,
    readDatabase: opencode_readDatabase
};

;// CONCATENATED MODULE: ./src/sources/opencode/storage.ts





/**
 * OpenCode's older store, before its SQLite database: one JSON file per session, message and part,
 * `storage/session/<project>/<session>.json`, `storage/message/<session>/<message>.json` and
 * `storage/part/<message>/<part>.json`, holding the same objects as the database's rows. Each file
 * is read on its own; a part looks up its message's role (a prompt or a reply) and its session's
 * parent (a sub-agent's task) in the files beside it. Events carry the dedupe keys the database
 * reader gives the same rows, so a session OpenCode moved into its database counts once.
 */
const SESSION = /"id"\s*:\s*"ses_[^"]*"/;
const MESSAGE = /"id"\s*:\s*"msg_[^"]*"/;
const storage_PART = /"id"\s*:\s*"prt_[^"]*"/;
const storage_SESSION_ID = /"sessionID"\s*:\s*"ses_/;
function storage_kindOf(text) {
    if (!/^\s*\{/.test(text))
        return null;
    if (storage_PART.test(text) && storage_SESSION_ID.test(text) && /"messageID"\s*:\s*"msg_/.test(text) && /"type"\s*:/.test(text))
        return 'part';
    if (MESSAGE.test(text) && storage_SESSION_ID.test(text) && /"role"\s*:\s*"/.test(text))
        return 'message';
    if (SESSION.test(text) && /"projectID"\s*:/.test(text) && /"directory"\s*:/.test(text) && /"version"\s*:/.test(text))
        return 'session';
    return null;
}
function readJson(path) {
    try {
        return obj(tryParseJson((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8')));
    }
    catch {
        return undefined;
    }
}
/** `<storage>` for a file at `<storage>/<kind>/<folder>/<id>.json`. */
function storageRoot(path) {
    return (0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.dirname)(path)));
}
/** Whether a session has a parent, by its file under `<storage>/session/<project>/`; remembered per run of files. */
const parentKnown = new Map();
function isSubAgent(root, sessionId) {
    const key = `${root}\0${sessionId}`;
    let known = parentKnown.get(key);
    if (known === undefined) {
        known = false;
        let projects = [];
        try {
            projects = (0,external_node_fs_namespaceObject.readdirSync)((0,external_node_path_namespaceObject.join)(root, 'session'));
        }
        catch {
            // no session folder: taken for a person's session
        }
        for (const p of projects) {
            const file = (0,external_node_path_namespaceObject.join)(root, 'session', p, `${sessionId}.json`);
            if ((0,external_node_fs_namespaceObject.existsSync)(file)) {
                known = str(readJson(file)?.parentID) !== undefined;
                break;
            }
        }
        if (parentKnown.size > 10_000)
            parentKnown.clear();
        parentKnown.set(key, known);
    }
    return known;
}
/** One JSON document of OpenCode's kinds; a JSON Lines log (several objects, one a line) is not one. */
function storage_sniff(head) {
    const jsonLines = head.parsed.filter((p) => isObject(p)).length > 1;
    return !jsonLines && storage_kindOf(head.text) !== null;
}
function parseDocument(text, ctx, out) {
    const data = obj(JSON.parse(text));
    if (!data)
        throw new Error('not a JSON object');
    const kind = storage_kindOf(text);
    const id = str(data.id) ?? (0,external_node_path_namespaceObject.basename)(ctx.path, '.json');
    if (kind === 'session') {
        const time = obj(data.time);
        const parent = str(data.parentID) ?? null;
        const patch = {
            id,
            agent: 'opencode',
            agent_version: str(data.version) ?? null,
            started_at: isoOrNull(num(time?.created) ?? NaN),
            cwd: str(data.directory) ?? null,
            title: str(data.title) ?? null,
            parent_id: parent,
            parent_relation: parent ? 'subagent' : null
        };
        out.push({ type: 'session', patch });
        return;
    }
    const sessionId = str(data.sessionID);
    if (!sessionId)
        throw new Error('no sessionID');
    if (kind === 'message') {
        const ts = isoOrNull(num(obj(data.time)?.created) ?? NaN);
        const role = str(data.role);
        if (role === 'assistant') {
            assistantEvents(id, data).forEach((it, i) => out.push({
                type: 'event',
                event: { session_id: sessionId, ts, line: 1, payload: it.payload, dedupe_key: it.dedupe_key ?? null, ...(i === 0 ? { raw: text } : {}) }
            }));
            // The message's cost joins the session's reported cost only in the database reader, which sees every message.
        }
        else if (role !== 'user')
            out.push({ type: 'unknown', line: 1, what: `message role "${role ?? ''}"` });
        return;
    }
    const messageId = str(data.messageID) ?? '';
    const root = storageRoot(ctx.path);
    const message = readJson((0,external_node_path_namespaceObject.join)(root, 'message', sessionId, `${messageId}.json`));
    if (!message) {
        out.push({ type: 'skip', line: 1, reason: `part ${id}: its message ${messageId} was not found beside it` });
        return;
    }
    const found = partEvents(data, { role: str(message.role) ?? '', byAgent: isSubAgent(root, sessionId) });
    if (found === null) {
        out.push({ type: 'unknown', line: 1, what: `part "${str(data.type) ?? ''}"` });
        return;
    }
    const start = num(obj(data.time)?.start) ?? num(obj(obj(data.state)?.time)?.start) ?? num(obj(message.time)?.created);
    const ts = start !== undefined ? isoOrNull(start) : null;
    found.forEach((it, i) => out.push({
        type: 'event',
        event: { session_id: sessionId, ts, line: 1, payload: it.payload, dedupe_key: it.dedupe_key ?? `opencode:${id}#${i}`, ...(i === 0 ? { raw: text } : {}) }
    }));
}
const opencodeStorage = {
    mode: 'document',
    id: 'opencode-storage',
    agent: 'opencode',
    description: 'OpenCode JSON storage before its database (storage/session, storage/message, storage/part files)',
    sniff: storage_sniff,
    parseDocument
};

;// CONCATENATED MODULE: ./src/recorder/format.ts
/**
 * The recorder's on-disk format: NDJSON, one record per line. The source that reads it back
 * (`src/sources/recorder/ndjson.ts`) imports these constants, so writer and reader cannot drift apart.
 */
/** Written on every `session_start`, so files are recognized by content, never by name. */
const RECORDER_FORMAT = 'ai-log-trail-recorder';
/** Bumped only for a change an older reader would misread; new optional fields do not bump it. */
const RECORD_VERSION = 1;
const format_RECORD_TYPES = (/* unused pure expression or super */ null && (['session_start', 'action', 'session_end']));
function serializeRecord(rec) {
    return `${JSON.stringify(rec)}\n`;
}

;// CONCATENATED MODULE: ./src/sources/recorder/ndjson.ts




const ndjson_AGENT = 'recorder';
/** The fields every recorder record has, whatever its type or version. */
function isRecordShape(o) {
    return (isObject(o) &&
        typeof o.v === 'number' &&
        typeof o.type === 'string' &&
        typeof o.ts === 'string' &&
        typeof o.session_id === 'string' &&
        Number.isInteger(o.seq));
}
/**
 * A file is the recorder's when it has a `session_start` with the format marker, or, for a
 * rotated file (`x.ndjson.1`) that begins mid-session and so has no start record, when every
 * JSON line of its head has the recorder's record shape.
 */
function sniffRecorder(head) {
    if (head.parsed.some((o) => isObject(o) && o.type === 'session_start' && o.format === RECORDER_FORMAT))
        return true;
    const objects = head.parsed.filter(isObject);
    return objects.length > 0 && objects.length === head.parsed.length && objects.every(isRecordShape);
}
function actionPayload(o) {
    const statement = str(o.statement) ?? '';
    const metadata = obj(o.metadata);
    const shell = metadata?.shell === true;
    return {
        kind: 'tool_call',
        call_id: null,
        name: str(o.name) || 'unknown',
        arguments: JSON.stringify({ statement, metadata }),
        command: shell ? statement : null,
        tool_type: shell ? 'local_shell' : 'function'
    };
}
/**
 * Every record names its session, so the parser keeps no state and a grown file is resumed at
 * any line. One file may hold several sessions (sequential runs, or concurrent writers).
 */
function ndjson_pushLine(ctx, line, lineNo, out) {
    const o = parseObjectLine(line, lineNo, out);
    if (!o)
        return;
    const sid = str(o.session_id) || ctx.fallbackSessionId;
    const ts = toUtcIso(o.ts);
    const emit = (...payloads) => {
        for (const payload of payloads)
            out.push({ type: 'event', event: { session_id: sid, ts, line: lineNo, payload } });
    };
    const type = str(o.type) ?? 'none';
    if (o.v !== RECORD_VERSION) {
        emit({ kind: 'other', type: `recorder:${type}` });
        out.push({ type: 'skip', line: lineNo, reason: `recorder record version ${JSON.stringify(o.v ?? null)} is not supported (kept raw, not interpreted)` });
        return;
    }
    switch (type) {
        case 'session_start':
            out.push({ type: 'session', patch: { id: sid, agent: ndjson_AGENT, originator: str(o.agent) ?? null, started_at: ts, cwd: str(o.cwd) ?? null } });
            return emit({ kind: 'session_meta' });
        case 'action':
            return emit(actionPayload(o));
        case 'session_end': {
            out.push({ type: 'session', patch: { id: sid, agent: ndjson_AGENT, ended_at: ts } });
            const summary = str(o.summary);
            const end = { kind: 'marker', marker: 'turn_end', detail: str(o.closed_by) ?? null };
            return summary !== undefined ? emit({ kind: 'assistant_message', text: summary, phase: 'final_answer' }, end) : emit(end);
        }
        default:
            emit({ kind: 'other', type: `recorder:${type}` });
            out.push({ type: 'skip', line: lineNo, reason: `unknown recorder record type "${type}" (kept raw, not interpreted)` });
    }
}
const recorderSource = {
    mode: 'lines',
    id: 'recorder-ndjson',
    promptless: true,
    agent: ndjson_AGENT,
    description: "ai-log-trail's own recorder (openRecorder): NDJSON written by scripts and in-house agents, rotated files included",
    sniff: sniffRecorder,
    createParser: (ctx) => lineParser(null, { initial: null, push: (_st, line, lineNo, out) => ndjson_pushLine(ctx, line, lineNo, out) })
};

;// CONCATENATED MODULE: ./src/sources/recorder/index.ts


;// CONCATENATED MODULE: ./src/sources/registry.ts



















/**
 * Every source the ingester knows, in the order they are asked to recognize a file. A more
 * specific format comes before a looser one; the plain-text readers (Codex capture, Aider
 * history) come last because they accept files that are not JSON.
 */
const sources = [
    codexRollout,
    codexExec,
    // Before Claude Code: Qwen's records share its envelope (`type`, `uuid`, `sessionId`).
    qwenCode,
    claudeCode,
    claudeStream,
    claudeExecutionFile,
    ...geminiSources,
    ...copilotSources,
    copilotCli,
    ...clineSources,
    piSession,
    ...droidSources,
    cursorTranscript,
    opencodeStorage,
    recorderSource,
    opencodeDatabase,
    gooseDatabase,
    // Before the editor's store: an agent store may also hold a cursorDiskKV table.
    cursorAgentStore,
    cursorEditorDatabase,
    copilotCliSessionStore,
    text_codexText,
    aiderHistory
];
/** Adds a source before the plain-text readers; a source with the same id is not added twice. */
function registerSource(source) {
    if (sources.some((s) => s.id === source.id))
        return;
    const firstText = sources.findIndex((s) => s === codexText);
    sources.splice(firstText, 0, source);
}
/** The source that recognizes a file by its content, or undefined: unknown files are skipped, never guessed. */
function recognize(head) {
    return sources.find((s) => s.mode !== 'database' && s.sniff(head));
}
/** The source that recognizes a SQLite database by its tables, or undefined. */
function recognizeDatabase(head) {
    return sources.find((s) => s.mode === 'database' && s.sniff(head));
}
function sourceById(id) {
    return sources.find((s) => s.id === id);
}
/** Files an agent keeps beside its logs that are read through a log, never on their own. */
const sideFileTests = [isClaudeSideFile, isCursorStoreSideFile];
/** True for an agent's side file: not a log, and not worth a warning when no source claims it. */
function isSideFile(path) {
    return sideFileTests.some((test) => test(path));
}

;// CONCATENATED MODULE: ./src/sources/util/ids.ts


const ids_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/**
 * A session id for a log that never names one: the UUID in its file name, else a hash of the
 * file's first bytes, so a copy of the same log (archived, or committed to .ai-logs/) is
 * recognized as the same session rather than counted again.
 */
function fallbackSessionId(path, head) {
    const m = ids_UUID.exec((0,external_node_path_namespaceObject.basename)(path));
    if (m)
        return m[0].toLowerCase();
    return `file-${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(head).digest('hex').slice(0, 16)}`;
}

;// CONCATENATED MODULE: ./src/ingest/lines.ts



/** The encoding a file's first bytes announce. UTF-16 files come from PowerShell's `>` redirection. */
function detectEncoding(head) {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        return 'utf8-bom';
    if (head[0] === 0xff && head[1] === 0xfe)
        return 'utf16le';
    if (head[0] === 0xfe && head[1] === 0xff)
        return 'utf16be';
    // UTF-16 without a BOM: every other byte of ASCII JSON is zero.
    if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0)
        return 'utf16le';
    if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0)
        return 'utf16be';
    return 'utf8';
}
/** Decodes a whole buffer (a file's head, a document) in its encoding, without a BOM. */
function decodeText(buf, enc) {
    if (enc === 'utf16le')
        return new TextDecoder('utf-16le').decode(buf).replace(/^\uFEFF/, '');
    if (enc === 'utf16be')
        return new TextDecoder('utf-16be').decode(buf).replace(/^\uFEFF/, '');
    return buf.toString('utf8').replace(/^\uFEFF/, '');
}
const fatal = new TextDecoder('utf-8', { fatal: true });
function decodeUtf8(buf, s, e) {
    const text = buf.toString('utf8', s, e);
    if (!text.includes('\uFFFD'))
        return { text, invalid: false };
    try {
        fatal.decode(buf.subarray(s, e));
        return { text, invalid: false };
    }
    catch {
        return { text, invalid: true };
    }
}
/**
 * Reads a file's lines from a byte offset in whole chunks split on newlines (twice as fast as
 * readline, and it never holds more than a chunk plus one line). A line longer than
 * `maxLineBytes` is skipped without being held in memory. CR before LF is dropped.
 */
async function* readLines(path, encoding, opts) {
    if (encoding === 'utf16le' || encoding === 'utf16be') {
        yield* readUtf16Lines(path, encoding, opts);
        return;
    }
    const start = opts.start === 0 && encoding === 'utf8-bom' ? 3 : opts.start;
    yield* splitLines(fileChunks(path, start, opts.chunkBytes ?? 1 << 20), start, opts);
}
/** A file's bytes from an offset, in whole chunks (the buffer is reused: consume each before the next). */
async function* fileChunks(path, start, chunkBytes) {
    const fh = await (0,promises_namespaceObject.open)(path, 'r');
    try {
        // Most logs are far smaller than a chunk: a buffer sized to the file keeps the garbage of a
        // many-file ingest (one buffer per file) from swelling the process's memory.
        const left = (await fh.stat()).size - start;
        const buf = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(64 * 1024, left)));
        for (let pos = start;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
            if (bytesRead === 0)
                return;
            pos += bytesRead;
            yield buf.subarray(0, bytesRead);
        }
    }
    finally {
        await fh.close();
    }
}
/** Archived logs may be compressed: Codex moves old rollouts to `archived_sessions/` as `.jsonl.zst`. */
function detectCompression(head) {
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
        return 'zstd';
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'gzip';
    return null;
}
function decompressor(c) {
    return c === 'zstd' ? (0,external_node_zlib_namespaceObject.createZstdDecompress)() : (0,external_node_zlib_namespaceObject.createGunzip)();
}
/** The decompressed lines of a compressed log. Offsets count decompressed bytes: such files are re-read whole when they change. */
async function* readCompressedLines(path, c, opts) {
    yield* splitLines((0,external_node_fs_namespaceObject.createReadStream)(path).pipe(decompressor(c)), 0, { ...opts, start: 0 });
}
/** The first bytes of a compressed log, decompressed, for recognizing its format. */
async function readCompressedHead(path, c, bytes) {
    const parts = [];
    let n = 0;
    const stream = (0,external_node_fs_namespaceObject.createReadStream)(path).pipe(decompressor(c));
    try {
        for await (const chunk of stream) {
            parts.push(chunk);
            n += chunk.length;
            if (n >= bytes)
                break;
        }
    }
    finally {
        stream.destroy();
    }
    return Buffer.concat(parts).subarray(0, bytes);
}
/**
 * Splits chunks on newlines (twice as fast as readline, and it never holds more than a chunk plus
 * one line). A line longer than `maxLineBytes` is skipped without being held in memory. CR before
 * LF is dropped. `start` is the byte offset of the first chunk, so each line knows where it ends.
 */
async function* splitLines(chunks, start, opts) {
    let pos = start;
    let lineNo = opts.lineNo;
    // Past this a line is not held: it is skipped, or ends the read when it is within the cap.
    const hold = Math.min(opts.maxLineBytes, opts.maxHeldBytes ?? Infinity);
    const notHeld = (bytes, end, unterminated) => bytes > opts.maxLineBytes ? { text: '', lineNo, end, tooLong: bytes, unterminated } : { text: '', lineNo, end, overHeld: bytes, unterminated };
    // The start of a line that spans chunks, as copies of its pieces: joined once, when its newline
    // comes, so a line of many chunks costs its length, not its length times its chunks.
    let carry = [];
    let carryBytes = 0;
    // While passing over a line longer than `hold`: the bytes seen so far.
    let skipping = null;
    const line = (data, from, nl, dataStart) => {
        lineNo++;
        if (skipping) {
            const bytes = skipping.bytes + nl - from;
            skipping = null;
            return notHeld(bytes, dataStart + nl + 1);
        }
        if (nl - from > hold)
            return notHeld(nl - from, dataStart + nl + 1);
        const e = nl > from && data[nl - 1] === 13 ? nl - 1 : nl;
        const { text, invalid } = decodeUtf8(data, from, e);
        return { text, lineNo, end: dataStart + nl + 1, invalidUtf8: invalid || undefined, bytes: invalid ? undefined : data.subarray(from, e) };
    };
    for await (const chunk of chunks) {
        const chunkStart = pos;
        pos += chunk.length;
        let from = 0;
        if (carryBytes > 0) {
            const nl = chunk.indexOf(10);
            if (nl === -1) {
                if (carryBytes + chunk.length > hold) {
                    skipping = { bytes: carryBytes + chunk.length };
                    carry = [];
                    carryBytes = 0;
                }
                else {
                    carry.push(Buffer.from(chunk));
                    carryBytes += chunk.length;
                }
                continue;
            }
            // The whole line is read only when it is within `hold`: the bytes before its newline may pass it.
            if (carryBytes + nl > hold) {
                skipping = { bytes: carryBytes };
                const l = line(chunk, 0, nl, chunkStart);
                yield l;
                if (l.overHeld !== undefined)
                    return;
                from = nl + 1;
            }
            else {
                const joined = Buffer.concat([...carry, chunk.subarray(0, nl + 1)], carryBytes + nl + 1);
                yield line(joined, 0, joined.length - 1, chunkStart - carryBytes);
                from = nl + 1;
            }
            carry = [];
            carryBytes = 0;
        }
        for (;;) {
            const nl = chunk.indexOf(10, from);
            if (nl === -1)
                break;
            const l = line(chunk, from, nl, chunkStart);
            yield l;
            if (l.overHeld !== undefined)
                return;
            from = nl + 1;
        }
        const rest = chunk.length - from;
        if (skipping)
            skipping.bytes += rest;
        else if (rest > hold)
            skipping = { bytes: rest };
        else if (rest > 0) {
            carry = [Buffer.from(chunk.subarray(from))];
            carryBytes = rest;
        }
    }
    if (skipping) {
        lineNo++;
        yield notHeld(skipping.bytes, pos, true);
    }
    else if (carryBytes > 0) {
        const last = Buffer.concat(carry, carryBytes);
        const e = last[last.length - 1] === 13 ? last.length - 1 : last.length;
        const { text, invalid } = decodeUtf8(last, 0, e);
        yield { text, lineNo: lineNo + 1, end: pos, invalidUtf8: invalid || undefined, unterminated: true, bytes: invalid ? undefined : last.subarray(0, e) };
    }
}
/** UTF-16 logs are rare and small; they are decoded as a stream of chunks and split on LF. */
async function* readUtf16Lines(path, encoding, opts) {
    const fh = await (0,promises_namespaceObject.open)(path, 'r');
    const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
    try {
        const chunkBytes = opts.chunkBytes ?? 1 << 20;
        const buf = Buffer.allocUnsafe(chunkBytes);
        let pos = opts.start;
        let lineNo = opts.lineNo;
        let carry = '';
        let carryStart = pos;
        for (;;) {
            const { bytesRead } = await fh.read(buf, 0, chunkBytes, pos);
            if (bytesRead === 0)
                break;
            pos += bytesRead;
            let text = carry + decoder.decode(buf.subarray(0, bytesRead), { stream: true });
            if (carryStart === 0 && text.charCodeAt(0) === 0xfeff) {
                text = text.slice(1);
                carryStart = 2;
            }
            let from = 0;
            for (;;) {
                const nl = text.indexOf('\n', from);
                if (nl === -1)
                    break;
                lineNo++;
                const lineText = text.slice(from, nl);
                // Each UTF-16 code unit is two bytes, so offsets stay exact for resuming.
                carryStart += (nl - from + 1) * 2;
                const clean = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText;
                if (clean.length * 2 > opts.maxLineBytes)
                    yield { text: '', lineNo, end: carryStart, tooLong: clean.length * 2 };
                else
                    yield { text: clean, lineNo, end: carryStart };
                from = nl + 1;
            }
            carry = text.slice(from);
            // A line is held here as it is read: past the bound, the read ends (see `Line.overHeld`).
            if (opts.maxHeldBytes !== undefined && carry.length * 2 > opts.maxHeldBytes) {
                yield { text: '', lineNo: lineNo + 1, end: pos, overHeld: carry.length * 2 };
                return;
            }
        }
        carry += decoder.decode();
        if (carry.length > 0)
            yield { text: carry.replace(/\r$/, ''), lineNo: lineNo + 1, end: pos, unterminated: true };
    }
    finally {
        await fh.close();
    }
}

;// CONCATENATED MODULE: ./src/ingest/crash-point.ts
/**
 * A test hook for crash safety: with `AI_LOG_TRAIL_CRASH_AT=N` in the environment, the ingest kills
 * its own process with SIGKILL at its Nth crash point (inside each batch's transaction, before the
 * commit, and once before reconciling), as a power cut would. Deterministic, so a test can crash an
 * ingest at chosen points and check that re-running it converges on a clean ingest's database.
 */
const at = Number(process.env.AI_LOG_TRAIL_CRASH_AT ?? 0);
let passed = 0;
function crashPoint() {
    if (at > 0 && ++passed === at)
        process.kill(process.pid, 'SIGKILL');
}

;// CONCATENATED MODULE: ./src/ingest/format-drift.ts


/**
 * More than this share of a file's records of types its reader does not know means the format
 * has moved on. Agents add a record type now and then that carries nothing a report shows; a
 * few of those must not cry wolf, a format that changed under the reader must not pass.
 */
const UNKNOWN_SHARE = 0.1;
/** Names of formats for the warning's first words, from the source's own description. */
function formatName(format) {
    const description = format ? sourceById(format)?.description : undefined;
    return (description ?? format ?? 'log').split(' (')[0];
}
function promptless(format) {
    const source = sourceById(format);
    return source !== undefined && source.mode !== 'database' && source.promptless === true;
}
/** The warning for a file, or null when it reads as its format says it should. */
function formatWarning(t) {
    const unknownShare = t.records > 0 ? t.unknown / t.records : 0;
    const noPrompt = t.prompts === 0 && t.activity > 0 && !(t.format && promptless(t.format));
    if (unknownShare <= UNKNOWN_SHARE && !noPrompt)
        return null;
    const kinds = Object.entries(t.kinds)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([k]) => k);
    const from = `${formatName(t.format)}${t.agent_version ? ` from version ${t.agent_version}` : ''}`;
    const found = unknownShare > UNKNOWN_SHARE
        ? `${t.unknown} of ${t.records} records of unknown types (${kinds.slice(0, 3).join(', ')}${kinds.length > 3 ? ', …' : ''})`
        : `${t.records} records but no prompt`;
    return {
        file: t.path,
        format: t.format,
        agent_version: t.agent_version,
        records: t.records,
        unknown: t.unknown,
        prompts: t.prompts,
        unknown_kinds: kinds.slice(0, 10),
        message: `${from}: ${found}; the format may have changed, numbers may be incomplete`
    };
}
/** The format warnings of the files at `paths`, one per file at most. */
function formatWarnings(db, paths) {
    return fileFormatTallies(db, paths)
        .map(formatWarning)
        .filter((w) => w !== null);
}

;// CONCATENATED MODULE: ./src/ingest/database.ts






/**
 * Agents' SQLite databases, read without ever touching the agent's files. A connection to the
 * agent's own file, even a read-only one, can write beside it: in WAL mode SQLite creates or maps
 * the `-shm` index and takes read locks in it, and creates `-wal`/`-shm` when they are missing.
 * So the database and its `-wal` are copied into a private temporary folder and the copy is
 * opened read-only; the copy is checked to be one consistent state of the database (SQLite's own
 * tests of read-only WAL databases copy them the same way, test/walro2.test).
 */
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
function isSqliteHeader(head) {
    return head.length >= MAGIC.length && Buffer.from(head.buffer, head.byteOffset, MAGIC.length).equals(MAGIC);
}
function readBytes(path, bytes) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
    try {
        const buf = Buffer.alloc(bytes);
        return buf.subarray(0, (0,external_node_fs_namespaceObject.readSync)(fd, buf, 0, bytes, 0));
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function statOrNull(path) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(path);
    }
    catch {
        return null;
    }
}
const SIDECAR = /-(wal|shm|journal)$/;
/**
 * True for a database's `-wal`, `-shm` or `-journal` beside it: read with the database (its
 * `-wal`) or never (the others), not as logs of their own.
 */
function isDatabaseSidecar(path) {
    const m = SIDECAR.exec(path);
    return m !== null && sqliteHead(path.slice(0, m.index)) !== null;
}
/** The first bytes of a SQLite file, or null when it is not one (or cannot be read). */
function sqliteHead(path) {
    try {
        const head = readBytes(path, 100);
        return isSqliteHeader(head) ? head : null;
    }
    catch {
        return null;
    }
}
/**
 * What changes whenever the database's content may have: the file's size, time and header (whose
 * change counter moves with each commit outside WAL mode) and its `-wal`'s size, time and header
 * (whose salt changes at each WAL reset). Equal signatures mean the database was not written.
 */
function databaseSignature(path, st) {
    const h = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${st.size}:${st.mtimeMs}\0`).update(readBytes(path, 100));
    const wal = statOrNull(`${path}-wal`);
    if (wal)
        h.update(`\0wal:${wal.size}:${wal.mtimeMs}\0`).update(readBytes(`${path}-wal`, 32));
    return h.digest('hex');
}
/** What has to hold still while a copy is taken for the copy to be one state of the database. */
function copyGuard(path) {
    const db = statOrNull(path);
    if (!db)
        return null;
    const wal = statOrNull(`${path}-wal`);
    // A rollback journal with a live header means a transaction is being written (or was cut off);
    // a persisted or truncated one after a commit has a zeroed header or no bytes.
    const journal = statOrNull(`${path}-journal`);
    const live = journal !== null && journal.size >= 8 && readBytes(`${path}-journal`, 8).some((b) => b !== 0);
    // The WAL salt changes when a writer restarts the log after a checkpoint: frames copied after
    // that do not go with the database file copied before it.
    const salt = wal && wal.size >= 32 ? readBytes(`${path}-wal`, 32).subarray(16, 24).toString('hex') : '';
    return JSON.stringify([db.size, db.mtimeMs, wal !== null, salt, live]);
}
const COPY_ATTEMPTS = 5;
/**
 * Copies the database and its `-wal` into a new temporary folder. A writer that changes the file,
 * restarts its log or is mid-transaction in rollback mode (a non-empty `-journal`) while the copy
 * is taken makes it retry; after a few tries it gives up with a reason (read at the next run).
 */
function snapshotDatabase(path) {
    let lastReason = '';
    for (let attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
        const before = copyGuard(path);
        if (before === null)
            throw new Error('database file vanished');
        if (JSON.parse(before)[4] === true) {
            lastReason = 'a write transaction was in progress (live -journal)';
            pause(20 * (attempt + 1));
            continue;
        }
        const dir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'ai-log-trail-db-'));
        const copy = (0,external_node_path_namespaceObject.join)(dir, (0,external_node_path_namespaceObject.basename)(path));
        try {
            (0,external_node_fs_namespaceObject.copyFileSync)(path, copy);
            if (statOrNull(`${path}-wal`))
                (0,external_node_fs_namespaceObject.copyFileSync)(`${path}-wal`, `${copy}-wal`);
        }
        catch (e) {
            (0,external_node_fs_namespaceObject.rmSync)(dir, { recursive: true, force: true });
            // The agent may have removed its -wal (closing) between the check and the copy: try again.
            if (e.code === 'ENOENT') {
                lastReason = 'a file went away while it was copied';
                continue;
            }
            throw e;
        }
        if (copyGuard(path) === before)
            return { dir, path: copy };
        (0,external_node_fs_namespaceObject.rmSync)(dir, { recursive: true, force: true });
        lastReason = 'it was written while it was copied';
        pause(20 * (attempt + 1));
    }
    throw new Error(`no consistent copy after ${COPY_ATTEMPTS} tries: ${lastReason}`);
}
function pause(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function removeSnapshot(s) {
    (0,external_node_fs_namespaceObject.rmSync)(s.dir, { recursive: true, force: true });
}
/** Opens a snapshot read-only; it lives in a folder of its own, so its `-shm` is made there. */
function openSnapshot(s) {
    return new (lib_default())(s.path, { readonly: true, fileMustExist: true });
}
/** The tables and columns of a snapshot, for recognizing whose database it is; throws on a damaged file. */
function databaseHead(path, s) {
    const db = openSnapshot(s);
    try {
        return { path, tables: tableColumns(db) };
    }
    finally {
        db.close();
    }
}
/**
 * The rows a database source reads from a snapshot. The snapshot is removed when the rows are
 * done with, read to the end or not.
 */
function* snapshotRows(s, source, ctx) {
    let db = null;
    try {
        db = openSnapshot(s);
        yield* source.readDatabase(db, ctx);
    }
    finally {
        db?.close();
        removeSnapshot(s);
    }
}
/** A SQLite error said in words a reader of the ingest report can act on. */
function damagedReason(e) {
    const msg = String(e?.message ?? e);
    const code = e?.code ?? '';
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /malformed|not a database/i.test(msg))
        return `damaged SQLite database (not read): ${msg}`;
    return `unreadable SQLite database: ${msg}`;
}

;// CONCATENATED MODULE: ./src/ingest/database-plan.ts




/** The bytes of the header hashed into a database's stored signature. */
const SIGNATURE_HEAD = 100;
function planDatabase(ctx, path, st, row) {
    let signature;
    try {
        signature = databaseSignature(path, st);
    }
    catch (e) {
        ctx.report(`unreadable: ${e.code ?? String(e)}`);
        return null;
    }
    if (row && row.format && row.offset === st.size && row.size === st.size && row.mtime_ms === st.mtimeMs && row.head_hash === signature) {
        ctx.unchanged();
        return null;
    }
    let snapshot;
    try {
        snapshot = snapshotDatabase(path);
    }
    catch (e) {
        ctx.report(`SQLite database not read this time: ${String(e.message ?? e)}`);
        return null;
    }
    let source;
    try {
        source = recognizeDatabase(databaseHead(path, snapshot));
    }
    catch (e) {
        removeSnapshot(snapshot);
        ctx.report(damagedReason(e));
        return null;
    }
    if (!source) {
        removeSnapshot(snapshot);
        ctx.report('unrecognized SQLite database (not a known agent log; skipped)');
        return null;
    }
    ctx.read();
    const fileId = fileIdFor(ctx.db, path);
    if (row) {
        forgetFileAndItsSessionFacts(ctx.db, fileId);
        ctx.writer.reset();
    }
    return {
        fileId,
        agent: source.agent,
        mtimeMs: st.mtimeMs,
        headHash: signature,
        headLen: SIGNATURE_HEAD,
        job: {
            path,
            sourceId: source.id,
            compression: null,
            encoding: 'utf8',
            size: st.size,
            startOffset: 0,
            startLine: 0,
            state: undefined,
            fallbackSessionId: `db-${fileId}`,
            snapshot,
            ...ctx.limits
        }
    };
}

;// CONCATENATED MODULE: ./src/ingest/walk.ts


/** File names that are never session logs, even inside a log folder. */
const SKIP_DIRS = new Set(['node_modules', '.git']);
function walk_kindOf(st) {
    if (st.isFIFO())
        return 'named pipe (FIFO)';
    if (st.isSocket())
        return 'socket';
    if (st.isCharacterDevice() || st.isBlockDevice())
        return 'device';
    return 'special file';
}
/** Why a path that `stat` refused is not read: a link to nothing is told from an unreadable file. */
function statFailure(p, e) {
    if (e.code === 'ELOOP')
        return 'symbolic link loop (skipped)';
    let link = false;
    try {
        link = (0,external_node_fs_namespaceObject.lstatSync)(p).isSymbolicLink();
    }
    catch {
        // gone as well: not a link to nothing
    }
    return link && e.code === 'ENOENT' ? 'dangling symbolic link (skipped)' : `unreadable: ${e.code ?? e.message}`;
}
/** The paths of `walkFileStats`. */
async function* walkFiles(paths, onSkip = () => { }) {
    for await (const f of walk_walkFileStats(paths, onSkip))
        yield f.path;
}
/**
 * Every regular file under the given paths, with its size, time and identity, depth first, in a stable (sorted)
 * order: a caller that needs the file's size and time takes them from here rather than asking
 * again (a warm run's walk is a stat per file and little else). Symbolic
 * links are followed; a directory already visited through another link is not entered twice.
 * What is neither a regular file nor a folder (a named pipe, which would block a read, a socket,
 * a device) and what cannot be reached (a dangling link, an unreadable folder) is passed to
 * `onSkip` with the reason, so the run can report it.
 */
async function* walk_walkFileStats(paths, onSkip = () => { }) {
    const seenDirs = new Set();
    // Inode numbers by device, not a "dev:ino" string per file: a first ingest plans each file as the
    // walk finds it, and this set lives as long as the walk (a string each was most of what it held).
    const seenFiles = new Map();
    async function* visit(p) {
        // Synchronous: a walk of an unchanged history is one stat per file, and a stat through the
        // thread pool waits far longer than it takes (docs/performance.md, "How the incremental ingest decides what to skip").
        let st;
        try {
            st = (0,external_node_fs_namespaceObject.statSync)(p);
        }
        catch (e) {
            onSkip({ path: p, reason: statFailure(p, e) });
            return;
        }
        // Device and inode identify a file or folder however many links reach it, without a
        // realpath call per file (which doubled the time of an unchanged re-run).
        if (st.isFile()) {
            let inodes = seenFiles.get(st.dev);
            if (inodes === undefined)
                seenFiles.set(st.dev, (inodes = new Set()));
            if (inodes.has(st.ino))
                return;
            inodes.add(st.ino);
            yield { path: p, size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino };
            return;
        }
        const id = `${st.dev}:${st.ino}`;
        if (!st.isDirectory()) {
            onSkip({ path: p, reason: `${walk_kindOf(st)}, not a regular file (skipped)` });
            return;
        }
        if (seenDirs.has(id))
            return;
        seenDirs.add(id);
        let names;
        try {
            names = (0,external_node_fs_namespaceObject.readdirSync)(p).sort();
        }
        catch (e) {
            onSkip({ path: p, reason: `unreadable folder: ${e.code ?? e.message}` });
            return;
        }
        // `p` is resolved, and a name from readdir is neither `.` nor `..` nor holds a separator, so
        // the child's path is `p`, a separator and the name: the string `join` (and `resolve`) would
        // give, made of the folder's string and the name's rather than of a piece per segment.
        const parent = p.endsWith(external_node_path_namespaceObject.sep) ? p : p + external_node_path_namespaceObject.sep;
        for (const n of names) {
            if (SKIP_DIRS.has(n))
                continue;
            yield* visit(parent + n);
        }
    }
    for (const p of paths)
        yield* visit((0,external_node_path_namespaceObject.resolve)(p));
}

;// CONCATENATED MODULE: ./src/ingest/pending-bytes.ts


/**
 * Whether an ingest of `paths` is worth a worker thread of its own: at least `limits.bytes` to
 * read, judged from each file's size against how far the store has read it, or at least
 * `limits.files` files to check. Stops at either limit, so a big first ingest or a big history
 * is told after a few files; each file checked costs the walk's `stat` and one indexed look-up.
 * An estimate: a file rewritten in place to the same size and time counts as unchanged, and what
 * cannot be read counts as nothing (the ingest itself reports it).
 */
async function pending_bytes_worthAWorker(db, paths, limits) {
    let pending = 0;
    let files = 0;
    for await (const st of walkFileStats(paths)) {
        const path = st.path;
        if (++files >= limits.files)
            return true;
        const row = readFileExtent(db, path);
        const unchanged = row !== undefined && row.size === st.size && row.offset === st.size && row.mtime_ms === st.mtimeMs;
        if (unchanged)
            continue;
        pending += row !== undefined && st.size >= row.offset ? st.size - row.offset : st.size;
        if (pending >= limits.bytes)
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/worker/wire.ts
/*
 * What crosses between a worker thread of ours (the ingest's, the report's) and its caller: an
 * error as plain data, and where the worker's script is.
 */


function toWire(e) {
    if (!(e instanceof Error))
        return { name: 'Error', message: String(e), fields: {} };
    const fields = {};
    for (const [k, v] of Object.entries(e))
        if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
            fields[k] = v;
    return { name: e.name, message: e.message, stack: e.stack, fields };
}
/** The error a worker posted, rebuilt on the caller's side with the worker's stack and fields. */
function wire_fromWire(w) {
    const e = new Error(w.message);
    e.name = w.name;
    if (w.stack)
        e.stack = w.stack;
    return Object.assign(e, w.fields);
}
/**
 * The first of `candidates` (paths relative to `moduleUrl`, the caller's `import.meta.url`) that
 * exists: a worker script sits beside its module in lib/ and in a bundle of its own in dist/.
 * Null where none does (tests running the TypeScript sources).
 */
function wire_workerScript(moduleUrl, candidates) {
    for (const rel of candidates) {
        const path = (0,external_node_url_namespaceObject.fileURLToPath)(new URL(rel, moduleUrl));
        if ((0,external_node_fs_namespaceObject.existsSync)(path))
            return path;
    }
    return null;
}

;// CONCATENATED MODULE: external "node:perf_hooks"
const external_node_perf_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./src/ingest/held-bytes.ts




/**
 * The ingest's worker runs first with its old generation capped (ingest-thread.ts). V8 lets one
 * allocation overshoot a worker's cap by only a little: one string, buffer or parsed tree larger
 * than that ends the whole process, not just the worker. So on that first attempt nothing is
 * read whose size is over `HELD_BYTES`: a line, a whole-file document or a database over it ends
 * the attempt before it is allocated; what the attempt wrote since its last commit is given up,
 * and the ingest goes on without the cap from that commit. The bound is a quarter of that overshoot: a line's text (two bytes
 * a character at worst), its parsed tree and its stored payload are each about the line's size.
 */
const held_bytes_HELD_BYTES = 4 * 1024 * 1024;
/** Thrown by an ingest that stopped at something over its bound, its last commit kept. */
class HeldBytesReached extends Error {
    file;
    over;
    constructor(file, over) {
        super(over.heap
            ? `the capped heap stayed near its limit at ${file} (${over.bytes} bytes in use after a full collection)`
            : `${file}${over.line !== null ? `:${over.line}` : ''} holds ${over.bytes} bytes at once, over the ${held_bytes_HELD_BYTES}-byte bound of a capped heap`);
        this.file = file;
        this.over = over;
    }
}
/** The bytes of a database's private copy (its file and any journal beside it). */
function snapshotBytes(s) {
    let n = 0;
    for (const name of (0,external_node_fs_namespaceObject.readdirSync)(s.dir))
        n += (0,external_node_fs_namespaceObject.statSync)((0,external_node_path_namespaceObject.join)(s.dir, name)).size;
    return n;
}
/**
 * The share of the capped heap's limit that may stay in use after a full collection before the
 * capped attempt stops at its next batch. Past it V8 collects again and again for each small
 * allocation (its helper threads as busy as the ingest, which slowed to a quarter), then runs out
 * late, after hours of such work; stopping early hands the rest to the uncapped attempt at once.
 */
const HEAP_STOP_SHARE = 0.8;
/**
 * Watches the heap a capped attempt runs in: `near` once what a full collection left in use is
 * over `HEAP_STOP_SHARE` of the heap's limit.
 */
class HeapWatch {
    share;
    near = null;
    observer;
    limit = (0,external_node_v8_namespaceObject.getHeapStatistics)().heap_size_limit;
    constructor(share = stopShare()) {
        this.share = share;
        this.observer = new external_node_perf_hooks_namespaceObject.PerformanceObserver((list) => {
            if (this.near || !list.getEntries().some(isFullCollection))
                return;
            const used = (0,external_node_v8_namespaceObject.getHeapStatistics)().used_heap_size;
            if (used > this.share * this.limit)
                this.near = { line: null, bytes: used, heap: true };
        });
        this.observer.observe({ entryTypes: ['gc'] });
    }
    stop() {
        this.observer.disconnect();
    }
}
/** `HEAP_STOP_SHARE`, or `AI_LOG_TRAIL_INGEST_HEAP_STOP_SHARE` (0 to 1) for the tests of a stop. */
function stopShare() {
    const share = Number(process.env.AI_LOG_TRAIL_INGEST_HEAP_STOP_SHARE || NaN);
    return share >= 0 && share <= 1 ? share : HEAP_STOP_SHARE;
}
function isFullCollection(e) {
    return (e.detail?.kind ?? null) === external_node_perf_hooks_namespaceObject.constants.NODE_PERFORMANCE_GC_MAJOR;
}

;// CONCATENATED MODULE: ./src/ingest/ingest-thread.ts






/**
 * Runs a whole ingest on a worker thread. An ingest churns through short-lived strings, and V8
 * sizes a heap for the garbage it sees: the process that ran one keeps a heap far larger than the
 * ingest's live data. A worker's heap can be given limits a library cannot give its host process
 * (an Action cannot pass Node flags), and it is freed when the ingest ends. The worker opens the
 * store by its path; the caller's connection waits, idle, and sees what was written once it is done.
 */
const INGEST_WORKER_ROLE = 'ai-log-trail-ingest';
/**
 * Heap limits of the ingest's worker, chosen from measurement (docs/performance.md, "The ingest on
 * its own worker thread" and "the ingest worker's heap capped"). The old generation is capped on a
 * first attempt: V8 lets garbage lie in an uncapped one, several times what the ingest holds live.
 * That attempt reads nothing larger than `HELD_BYTES` at once (a larger allocation could end the
 * whole process, held-bytes.ts): it stops before such a line, document or database, and a second
 * worker, without the cap, goes on from what the first committed (an interrupted ingest loses
 * nothing). So does one if the first runs out of its heap all the same. The result is put
 * together from both.
 */
const YOUNG_MB = 16;
const OLD_GENERATION_MB = 48;
/**
 * Below both limits the ingest stays on the caller's thread: starting the worker (loading the
 * ingest's modules into a new isolate) would cost more than so small an ingest. The bytes' limit is
 * low because the heap the caller's thread grows for an ingest stays with the process beside the
 * report's worker, which a cold run takes: a first dry-run of 30 or 50 MB of logs peaked over the
 * target that way, higher than one of 200 MB (docs/performance.md, "a small history's dry-run
 * peak"). Past the files' limit even a check of unchanged files runs on the worker: it reads
 * every file's row and hashes every file's head, and on the caller's thread that grew its young
 * generation and filled its connection's page cache, memory the process kept beside the report's
 * worker afterwards (docs/performance.md, "The ingest's check on its worker").
 */
const WORKER_LIMITS = { bytes: 8 * 1024 * 1024, files: 2_000 };
/**
 * Runs the ingest on a worker thread and returns its result, or returns null when it should run
 * on the caller's thread: too little to read and few files to check, a store held in memory or read-only, a transaction
 * open on the caller's connection (the worker's writes would wait on it), no worker script (tests
 * running the TypeScript sources), or turned off.
 */
async function ingest_thread_ingestOnWorker(db, paths, opts) {
    const wanted = isolationWanted(opts.isolate);
    if (wanted === false || db.memory || db.readonly || db.inTransaction)
        return null;
    // The script sits beside this module in lib/, or in its own bundle beside dist/index.js.
    const script = workerScript(import.meta.url, ['./ingest-worker.js', './ingest-worker/index.js']);
    if (!script)
        return null;
    if (wanted === undefined && !(await worthAWorker(db, paths, WORKER_LIMITS)))
        return null;
    const { onProgress } = opts;
    const request = {
        role: INGEST_WORKER_ROLE,
        database: db.name,
        schemaVersion: schemaVersion(db),
        paths,
        options: limitsOnly(opts),
        progress: onProgress !== undefined
    };
    const first = [];
    try {
        const capped = { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: oldGenerationMb() };
        return withPostedSessions(first, await runWorker(script, { ...request, maxHeldBytes: HELD_BYTES }, capped, onProgress, first));
    }
    catch (e) {
        const why = uncappedNeeded(e);
        if (!why)
            throw e;
        const before = joinParts(first);
        process.emitWarning(`the ingest needed more than the ${oldGenerationMb()} MB heap its worker thread is given first (${why}); going on without that cap from what it had stored (${before.files_read.length} file(s) read, ${before.events} event(s)); nothing is read twice`, { code: 'AI_LOG_TRAIL_INGEST_HEAP' });
        const later = [];
        const again = await runWorker(script, { ...request, readBefore: before.files_read }, { maxYoungGenerationSizeMb: YOUNG_MB }, onProgress, later);
        return withEarlierAttempt(before, withPostedSessions(later, again));
    }
}
/** Runs one ingest worker to its end, handing on its progress and what each commit stored. */
function runWorker(script, request, resourceLimits, onProgress, committed) {
    // None of the parent's Node flags: some do not apply to a worker script (`--input-type` of a
    // parent run with `-e` makes the worker fail to start), and the ingest needs none.
    const worker = new Worker(script, { workerData: request, execArgv: [], resourceLimits });
    return new Promise((resolve, reject) => {
        let outcome = null;
        worker.on('message', (m) => {
            if (m.type === 'committed')
                committed.push(m.part);
            else if (m.type === 'needs-heap')
                outcome ??= { error: new NeedsHeap(m.file, m.over) };
            else if (m.type === 'progress') {
                // A callback that throws fails the ingest, as it would on the caller's thread.
                try {
                    onProgress?.({ file: m.file, bytes: m.bytes });
                }
                catch (e) {
                    outcome ??= { error: e instanceof Error ? e : new Error(String(e)) };
                    void worker.terminate();
                }
            }
            else if (m.type === 'done')
                outcome = { result: m.result };
            else
                outcome = { error: fromWire(m.error) };
        });
        // An error the worker could not post (out of memory, a failure to start) comes as an event.
        worker.on('error', (e) => {
            outcome ??= { error: Object.assign(new Error(`ingest worker failed: ${e.message}`, { cause: e }), { code: e.code }) };
        });
        // Settled when the thread is gone, so its heap is freed before the caller goes on.
        worker.on('exit', (code) => {
            if (outcome && 'result' in outcome)
                resolve(outcome.result);
            else
                reject(outcome?.error ?? new Error(`ingest worker exited (code ${code}) without a result`));
        });
    });
}
/** The capped attempt stopped before something over its bound, its last commit kept. */
class NeedsHeap extends Error {
    file;
    over;
    constructor(file, over) {
        super(`${file} needs more heap`);
        this.file = file;
        this.over = over;
    }
}
/** Why an attempt's failure calls for one without the cap, or null when it does not. */
function uncappedNeeded(e) {
    if (e instanceof NeedsHeap) {
        if (e.over.heap)
            return `${e.over.bytes} bytes still in use after a full collection, at ${e.file}`;
        const what = e.over.line !== null ? `line ${e.over.line} of ${e.file}` : e.file;
        return `${what}: ${e.over.bytes} bytes to hold at once, over the ${HELD_BYTES} it reads there`;
    }
    return e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of it' : null;
}
function joinParts(parts) {
    return parts.reduce(addPart, emptyPart());
}
/**
 * An attempt's result with the sessions it wrote to: the worker posts them with each commit and
 * leaves out of its result those it posted, so its capped heap never holds them all at its end.
 */
function withPostedSessions(parts, result) {
    const ids = new Set(result.session_ids);
    for (const p of parts)
        for (const id of p.session_ids)
            ids.add(id);
    const sessionIds = [...ids].sort();
    return { ...result, sessions: sessionIds.length, session_ids: sessionIds };
}
/**
 * The run's result from what a first attempt committed and what the second did. The second finds
 * the files the first read to their end unchanged, and reads again only what the first had not
 * committed, so nothing is counted twice. A file's problems come in another order than one
 * attempt would have told them: the first attempt's lines' problems first.
 */
function withEarlierAttempt(before, again) {
    const sessionIds = [...new Set([...before.session_ids, ...again.session_ids])].sort();
    return {
        ...again,
        files: again.files + before.files_read.length,
        unchanged_files: Math.max(0, again.unchanged_files - before.files_read.length),
        sessions: sessionIds.length,
        events: before.events + again.events,
        skipped_lines: before.skipped_lines + again.skipped_lines,
        errors: [...before.errors, ...again.errors],
        session_ids: sessionIds,
        merged_paths: [...(before.merged_paths ?? []), ...again.merged_paths]
    };
}
/**
 * The old generation's cap on a first attempt; `AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB` sets another,
 * for measuring and for the tests of the second attempt (not below the smallest heap a worker
 * starts in: under it V8 aborts the whole process).
 */
function oldGenerationMb() {
    const mb = Number(process.env.AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB);
    return Number.isInteger(mb) && mb > 0 ? Math.max(mb, 8) : OLD_GENERATION_MB;
}
/**
 * Only the options the ingest reads cross to the worker: a caller may pass an object with more
 * (discovery's environment), and a function would not cross at all.
 */
function limitsOnly(o) {
    return { maxLineBytes: o.maxLineBytes, batchSize: o.batchSize, maxDocumentBytes: o.maxDocumentBytes, worker: o.worker };
}
/**
 * `AI_LOG_TRAIL_INGEST_WORKER=0` keeps the ingest on the caller's thread, for debugging it there;
 * `=1` runs it on the worker whatever its size, for measuring.
 */
function isolationWanted(option) {
    if (typeof option === 'boolean')
        return option;
    const env = process.env.AI_LOG_TRAIL_INGEST_WORKER;
    return env === '1' ? true : env === '0' ? false : undefined;
}

;// CONCATENATED MODULE: ./src/ingest/format-tally.ts
const MAX_KINDS = 20;
const OTHER_KINDS = '…';
/** A type's name is the log's own text: kept short, and with no control character, wherever it is shown. */
const MAX_KIND_CHARS = 60;
function kindName(what) {
    // eslint-disable-next-line no-control-regex
    const clean = what.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    return clean.length > MAX_KIND_CHARS ? clean.slice(0, MAX_KIND_CHARS - 1) + '…' : clean;
}
const ACTIVITY = new Set(['assistant_message', 'reasoning', 'tool_call', 'token_usage']);
function emptyTally(fromLine) {
    return { fromLine, records: 0, unknown: 0, prompts: 0, activity: 0, kinds: {} };
}
/** Adds what a parser made of one record (a line, or one message of a document) to `t`. */
function tallyRecords(t, out) {
    if (!out.some((r) => r.type !== 'skip'))
        return;
    t.records++;
    for (const r of out) {
        if (r.type === 'unknown') {
            t.unknown++;
            const what = kindName(r.what);
            const known = what in t.kinds || Object.keys(t.kinds).length < MAX_KINDS;
            const kind = known ? what : OTHER_KINDS;
            t.kinds[kind] = (t.kinds[kind] ?? 0) + 1;
        }
        else if (r.type === 'event') {
            const kind = r.event.payload.kind;
            if (kind === 'user_prompt')
                t.prompts++;
            else if (ACTIVITY.has(kind))
                t.activity++;
        }
    }
}
/** A document's records are its messages: each event or unknown record counts as one. */
function tallyDocument(t, out) {
    for (const r of out)
        if (r.type === 'event' || r.type === 'unknown')
            tallyRecords(t, [r]);
}

;// CONCATENATED MODULE: ./src/ingest/nesting.ts
/**
 * The deepest JSON a line may nest. Real logs stay far below it; a line past it is a problem of
 * its line. The bound is explicit because the recursive steps after parsing (serializing a payload,
 * walking it) overflow at a depth that depends on the thread's stack, and the parse stage must
 * answer the same on a worker thread as on the main one.
 */
const MAX_JSON_DEPTH = 1000;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Whether a JSON text nests objects and arrays deeper than `max` (strings are skipped). */
function nestsDeeperThan(text, max = MAX_JSON_DEPTH) {
    // Each level takes at least two characters, so a short line cannot be too deep.
    if (text.length <= 2 * max || !opensMoreThan(text, max))
        return false;
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === BACKSLASH)
                i++;
            else if (c === QUOTE)
                inString = false;
        }
        else if (c === QUOTE)
            inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            if (++depth > max)
                return true;
        }
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET)
            depth--;
    }
    return false;
}
/**
 * Whether the text holds more than `max` opening brackets, in strings or not: a cheap bound that
 * spares nearly every line the character-by-character walk (native `indexOf` jumps between them).
 */
function opensMoreThan(text, max) {
    let n = 0;
    for (const open of ['{', '[']) {
        for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1))
            if (++n > max)
                return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/ingest/parse-file.ts













function emptyBatch(offset, lineNo, stateJson) {
    return { lines: [], offset, lineNo, stateJson, problems: [], skippedLines: 0, tally: emptyTally(lineNo), save: true, last: false };
}
/**
 * The bytes of a record are hashed once; each event's key then hashes only that digest. One-shot
 * `hash` rather than a Hash object per call: the same digest of the same bytes, without the
 * object's set-up, which cost more than the hashing of these short inputs.
 */
function textDigest(text) {
    return (0,external_node_crypto_namespaceObject.hash)('sha1', text, 'base64url');
}
/** The parts joined, hashed as one string: the same bytes a Hash object fed each part in turn would digest. */
function recordKey(sessionId, digest, seq) {
    return (0,external_node_crypto_namespaceObject.hash)('sha1', `${sessionId}\0${digest}\0${seq}`, 'base64url');
}
/**
 * Gives each event its dedupe key. The same record in two files (an archived copy, logs copied
 * into .ai-logs/) is one record: the key is the session, the record's bytes and its place among
 * the line's events. `bytes`, when given, are the UTF-8 bytes of `text` as read: hashed as they
 * are, the line is not encoded again to be hashed.
 */
function parsedLine(text, lineNo, found, bytes) {
    let seq = 0;
    let lineDigest = null;
    const payloads = [];
    const records = found.map((r) => {
        if (r.type !== 'event')
            return r;
        const ev = r.event;
        payloads.push(storedPayload(ev.payload));
        const n = seq++;
        const source = ev.raw ?? text ?? '';
        if (ev.dedupe_key || !source)
            return r;
        const digest = ev.raw !== undefined ? textDigest(ev.raw) : (lineDigest ??= textDigest(bytes ?? source));
        return { type: 'event', event: { ...ev, dedupe_key: recordKey(ev.session_id, digest, n) } };
    });
    return { text, lineNo, records, payloads };
}
const TORN = Symbol('torn last line');
const SNAPSHOT_FIELDS = ['input', 'cached_input', 'output', 'reasoning_output', 'total', 'blended_total'];
/**
 * What a parser found on one line, with the problems taken out: a skipped line or an event with a
 * count no message can hold (a parser that reads counts without checking them, a document format)
 * becomes a problem of its line, so the rest of the line and of the file is stored.
 */
function checkedRecords(found, lineNo, problems) {
    const records = [];
    const hasEvent = found.some((r) => r.type === 'event');
    let skipped = 0;
    for (const r of found) {
        // Counted for format drift, not a problem of the line: the record itself is well formed.
        if (r.type === 'unknown')
            continue;
        if (r.type === 'skip') {
            problems.add(r.line, r.reason);
            if (!hasEvent)
                skipped++;
            continue;
        }
        if (r.type === 'event') {
            const p = r.event.payload;
            const bad = p.kind === 'token_usage'
                ? (badTokenField(p.delta) ?? badTokenField(p.cumulative))
                : p.kind === 'status_snapshot'
                    ? badTokenField(p, SNAPSHOT_FIELDS)
                    : null;
            if (bad) {
                problems.add(r.event.line ?? lineNo, tokenValueReason(bad.field, bad.value));
                continue;
            }
        }
        records.push(r);
    }
    return { records, skipped };
}
/**
 * The problems of one file. A file can hold millions of bad lines (a binary file with a log's
 * name, a log cut into pieces): the first `MAX_LISTED_PROBLEMS` are listed with their lines, the
 * rest only counted, so the memory, the error table and `--json` output stay bounded.
 */
const MAX_LISTED_PROBLEMS = 100;
class ProblemLog {
    sink;
    listed = 0;
    unlisted = new Map();
    constructor(sink) {
        this.sink = sink;
    }
    add(line, reason) {
        if (this.listed < MAX_LISTED_PROBLEMS) {
            this.listed++;
            this.sink().push({ line, reason });
        }
        else
            this.unlisted.set(reason, (this.unlisted.get(reason) ?? 0) + 1);
    }
    /** One problem that counts the ones not listed, by reason. */
    summary() {
        if (this.unlisted.size === 0)
            return null;
        const total = [...this.unlisted.values()].reduce((a, b) => a + b, 0);
        const byReason = [...this.unlisted].map(([reason, n]) => `${n} × ${reason}`).join('; ');
        return { line: null, reason: `${total} more problem(s) not listed (only the first ${MAX_LISTED_PROBLEMS} of a file are): ${byReason}` };
    }
}
/**
 * Parses a file into batches. Always yields at least one batch, and exactly one with `last`
 * set; problems (over-long lines, bad bytes, a torn last line, a read error) ride on the batch
 * in which they were found, so they are reported after the records before them are stored.
 */
async function* parseFile(job) {
    try {
        yield* parseBatches(job);
    }
    catch (e) {
        // A parser bug: the file's earlier batches are stored, and this one says why the rest is not.
        yield {
            ...emptyBatch(job.startOffset, job.startLine, 'null'),
            problems: [{ line: null, reason: `parse failed: ${String(e.message ?? e)}` }],
            save: false,
            last: true
        };
    }
}
async function* parseBatches(job) {
    const source = sourceById(job.sourceId);
    if (!source)
        throw new Error(`unknown source ${job.sourceId}`);
    const ctx = { path: job.path, fallbackSessionId: job.fallbackSessionId };
    if (source.mode === 'document') {
        yield await parse_file_parseDocument(job, (text, out) => source.parseDocument(text, ctx, out));
        return;
    }
    if (source.mode === 'database') {
        if (!job.snapshot)
            throw new Error(`no copy of database ${job.path} to read`);
        const bytes = job.maxHeldBytes !== undefined ? snapshotBytes(job.snapshot) : 0;
        // A row's text is made whole by SQLite before the parser sees it: only the copy's size bounds it.
        if (job.maxHeldBytes !== undefined && bytes > job.maxHeldBytes) {
            removeSnapshot(job.snapshot);
            yield { ...emptyBatch(0, 0, 'null'), save: false, needsHeap: { line: null, bytes } };
            return;
        }
        yield* databaseBatches(job, snapshotRows(job.snapshot, source, ctx));
        return;
    }
    const parser = source.createParser(ctx, job.state);
    const stateJson = () => JSON.stringify(parser.state() ?? null);
    let batch = emptyBatch(job.startOffset, job.startLine, 'null');
    const problems = new ProblemLog(() => batch.problems);
    let records = 0;
    let chars = 0;
    const cut = () => {
        const done = { ...batch, stateJson: stateJson() };
        batch = emptyBatch(done.offset, done.lineNo, 'null');
        records = 0;
        chars = 0;
        return done;
    };
    /** One line's records; a line the parser cannot take is a problem of that line, never of the file. */
    const parseLine = (text, lineNo, push, last = false, bytes) => {
        const out = [];
        if (nestsDeeperThan(text)) {
            problems.add(lineNo, `line not read: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
            batch.skippedLines++;
            return out;
        }
        try {
            push(out);
            if (last && out.some((r) => r.type === 'skip' && r.reason === MALFORMED_JSON))
                return TORN;
            if (text !== '')
                tallyRecords(batch.tally, out);
            const { records: kept, skipped } = checkedRecords(out, lineNo, problems);
            batch.skippedLines += skipped;
            if (kept.length > 0)
                batch.lines.push(parsedLine(text, lineNo, kept, bytes));
        }
        catch (e) {
            problems.add(lineNo, lineProblem(e));
            batch.skippedLines++;
        }
        return out;
    };
    try {
        const opts = { lineNo: job.startLine, maxLineBytes: job.maxLineBytes, maxHeldBytes: job.maxHeldBytes };
        const lines = job.compression
            ? readCompressedLines(job.path, job.compression, opts)
            : readLines(job.path, job.encoding, { ...opts, start: job.startOffset });
        for await (const line of lines) {
            // The lines before are this attempt's; the rest of the file is the next one's.
            if (line.overHeld !== undefined) {
                yield { ...cut(), needsHeap: { line: line.lineNo, bytes: line.overHeld } };
                return;
            }
            if (line.tooLong !== undefined) {
                batch.skippedLines++;
                problems.add(line.lineNo, `line of ${line.tooLong} bytes is over the ${job.maxLineBytes}-byte line limit; skipped`);
            }
            else if (line.text.trim() !== '') {
                const out = parseLine(line.text, line.lineNo, (o) => parser.push(line.text, line.lineNo, o), line.unterminated === true, line.bytes);
                if (out === TORN) {
                    // A torn last line is most likely still being written: leave it for the next ingest.
                    problems.add(line.lineNo, 'incomplete last line (no newline, not valid JSON); not consumed, will be read again when the file grows');
                    batch.skippedLines++;
                    break;
                }
                if (line.invalidUtf8)
                    problems.add(line.lineNo, 'invalid UTF-8 bytes (replaced with U+FFFD; the rest of the line was kept)');
                records += out.length;
                chars += line.text.length;
            }
            batch.offset = line.end;
            batch.lineNo = line.lineNo;
            if (records >= job.batchSize || chars >= job.maxBatchChars)
                yield cut();
        }
        parseLine('', batch.lineNo, (o) => parser.end(o));
    }
    catch (e) {
        problems.add(null, `read stopped: ${String(e.message ?? e)}`);
    }
    const unlisted = problems.summary();
    if (unlisted)
        batch.problems.push(unlisted);
    yield { ...cut(), last: true };
}
async function parse_file_parseDocument(job, parse) {
    const failed = (reason) => ({ ...emptyBatch(0, 0, 'null'), problems: [{ line: null, reason }], save: false, last: true });
    const max = job.maxDocumentBytes;
    if (job.size > max)
        return failed(`document of ${job.size} bytes is over the ${max}-byte limit for whole-file formats; skipped`);
    const held = job.maxHeldBytes ?? Infinity;
    const needsHeap = (bytes) => ({ ...emptyBatch(0, 0, 'null'), save: false, needsHeap: { line: null, bytes } });
    if (job.size > held)
        return needsHeap(job.size);
    let buf;
    try {
        const raw = await (0,promises_namespaceObject.readFile)(job.path);
        // Decompressed no further than the bound: past it, the document is read on the next attempt.
        const outMax = Math.min(max, held);
        buf =
            job.compression === 'zstd'
                ? (0,external_node_zlib_namespaceObject.zstdDecompressSync)(raw, { maxOutputLength: outMax })
                : job.compression === 'gzip'
                    ? (0,external_node_zlib_namespaceObject.gunzipSync)(raw, { maxOutputLength: outMax })
                    : raw;
    }
    catch (e) {
        if (e.code === 'ERR_BUFFER_TOO_LARGE' && held < max)
            return needsHeap(held + 1);
        return failed(`unreadable: ${e.code ?? String(e.message ?? e)}`);
    }
    const out = [];
    try {
        parse(decodeText(buf, job.encoding), out);
    }
    catch (e) {
        return failed(`could not parse ${job.sourceId} document: ${String(e.message ?? e)}`);
    }
    const done = emptyBatch(job.size, 0, 'null');
    const problems = new ProblemLog(() => done.problems);
    const { records, skipped } = checkedRecords(out, 0, problems);
    tallyDocument(done.tally, out);
    const unlisted = problems.summary();
    if (unlisted)
        done.problems.push(unlisted);
    try {
        done.lines.push(parsedLine(null, 0, records));
    }
    catch (e) {
        return failed(`could not parse ${job.sourceId} document: ${String(e.message ?? e)}`);
    }
    return { ...done, skippedLines: skipped, last: true };
}
/**
 * A database's rows in batches. A read that stops (a page that cannot be read from a damaged file)
 * is a problem of the file; its last batch is then not recorded as read, so the next ingest reads
 * the database again.
 */
function* databaseBatches(job, rows) {
    let batch = emptyBatch(0, 0, 'null');
    const problems = new ProblemLog(() => batch.problems);
    let records = 0;
    let chars = 0;
    let save = true;
    const cut = () => {
        const done = batch;
        batch = emptyBatch(0, done.lineNo, 'null');
        records = 0;
        chars = 0;
        return done;
    };
    try {
        for (const row of rows) {
            const { records: kept, skipped } = checkedRecords(row.records, row.line, problems);
            batch.skippedLines += skipped;
            if (kept.length > 0)
                batch.lines.push(parsedLine(row.text || null, row.line, kept));
            batch.lineNo = row.line;
            records += row.records.length;
            chars += row.text.length;
            if (records >= job.batchSize || chars >= job.maxBatchChars)
                yield cut();
        }
    }
    catch (e) {
        problems.add(null, `SQLite database read stopped: ${String(e.message ?? e)}`);
        save = false;
    }
    const unlisted = problems.summary();
    if (unlisted)
        batch.problems.push(unlisted);
    yield { ...cut(), offset: job.size, save, last: true };
}

;// CONCATENATED MODULE: ./src/ingest/parse-worker.ts
// First: in the Action's bundle the worker is a bundle entry of its own, with its own globals.



/**
 * The parse worker: receives file jobs in order and posts their batches back in order. At most
 * `MAX_UNACKED` batches are in flight, so a slow writer bounds the worker's memory instead of
 * letting parsed batches pile up.
 */
const PARSE_WORKER_ROLE = 'ai-log-trail-parse';
const MAX_UNACKED = 2;
if (external_node_worker_threads_namespaceObject.parentPort && external_node_worker_threads_namespaceObject.workerData?.role === PARSE_WORKER_ROLE)
    serve(external_node_worker_threads_namespaceObject.parentPort);
function serve(port) {
    const jobs = [];
    let wakeJob = null;
    let unacked = 0;
    let wakeAck = null;
    port.on('message', (m) => {
        if (m.type === 'job') {
            jobs.push(m.job);
            wakeJob?.();
        }
        else {
            unacked--;
            wakeAck?.();
        }
    });
    const post = async (batch) => {
        while (unacked >= MAX_UNACKED)
            await new Promise((r) => (wakeAck = r));
        unacked++;
        port.postMessage({ type: 'batch', batch });
    };
    void (async () => {
        for (;;) {
            while (jobs.length === 0)
                await new Promise((r) => (wakeJob = r));
            const job = jobs.shift();
            for await (const batch of parseFile(job))
                await post(batch);
        }
    })();
}

;// CONCATENATED MODULE: ./src/ingest/parse-pool.ts




/**
 * Runs the parse stage of an ingest either on this thread or on a worker thread, yielding every
 * job's batches in job order either way. With a worker, parsing the next batch overlaps with the
 * caller writing this one to SQLite: the second core does the JSON work.
 */
/** Jobs handed to the worker ahead of the one being written (each is a few hundred bytes). */
const LOOKAHEAD_JOBS = 64;
async function* parseJobs(plans, onWorker, started) {
    const worker = onWorker ? startWorker() : null;
    started(worker ? 'worker' : 'thread');
    if (!worker) {
        for await (const plan of plans)
            for await (const batch of parseFile(plan.job))
                yield { plan, batch };
        return;
    }
    const inbox = new Inbox(worker);
    const sent = [];
    const upcoming = plans[Symbol.asyncIterator]();
    let more = true;
    const fill = async () => {
        while (more && sent.length < LOOKAHEAD_JOBS) {
            const next = await upcoming.next();
            if (next.done)
                more = false;
            else {
                worker.postMessage({ type: 'job', job: next.value.job });
                sent.push(next.value);
            }
        }
    };
    try {
        await fill();
        while (sent.length > 0) {
            const batch = await inbox.next();
            worker.postMessage({ type: 'ack' });
            yield { plan: sent[0], batch };
            if (batch.last) {
                sent.shift();
                await fill();
            }
        }
    }
    finally {
        await worker.terminate();
    }
}
/**
 * The worker script sits beside this module (lib/ingest/parse-worker.js) or, in the Action's
 * bundle, in its own bundle beside dist/index.js, which is beside the ingest worker's bundle
 * (dist/ingest-worker/index.js) when the ingest runs there. Where none exists (tests running the
 * TypeScript sources) parsing stays on this thread.
 */
const SCRIPT_PLACES = ['./parse-worker.js', './parse-worker/index.js', '../parse-worker/index.js'];
function startWorker() {
    const script = wire_workerScript(import.meta.url, SCRIPT_PLACES);
    // None of the parent's Node flags: some do not apply to a worker script (`--input-type` of a
    // parent run with `-e` makes the worker fail to start) and the parse stage needs none.
    // Parsing makes garbage fast, and V8 then grows the young generation to 100 MB and more;
    // 48 MB keeps the worker's share of the ingest's peak RSS down by about 70 MB at the same speed
    // (200 MB bench corpus).
    return script ? new external_node_worker_threads_namespaceObject.Worker(script, { workerData: { role: PARSE_WORKER_ROLE }, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 48 } }) : null;
}
/** Batches the worker posted, in order; a worker that dies fails the ingest with its reason. */
class Inbox {
    queue = [];
    waiting = null;
    failure = null;
    constructor(worker) {
        worker.on('message', (m) => {
            if (this.waiting) {
                this.waiting.resolve(m.batch);
                this.waiting = null;
            }
            else
                this.queue.push(m.batch);
        });
        const fail = (e) => {
            this.failure = e;
            this.waiting?.reject(e);
            this.waiting = null;
        };
        worker.on('error', (e) => fail(new Error(`parse worker failed: ${e.message}`)));
        worker.on('exit', (code) => fail(new Error(`parse worker exited (code ${code})`)));
    }
    next() {
        const b = this.queue.shift();
        if (b)
            return Promise.resolve(b);
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
    }
}

;// CONCATENATED MODULE: ./src/store/spellings.ts



/*
 * A log stored under two paths that are one file (a link to its folder, a hard link) by a version
 * that did not match paths by device and inode: every record it gave is stored twice, once per
 * path. The ingest (src/ingest/spellings.ts) finds such paths and keeps one; this forgets the other.
 */
/**
 * Forgets what the store holds under `dropId`, a second path of the file it holds as `keepId`,
 * and the path itself, as if it had never been read: its records, their turns and redactions, its
 * raw lines, problems, tallies and which sessions it joined. One transaction, which also marks its
 * sessions for the end of the ingest's reconciliation (whose copies and formats it changed; a
 * session only it held is dropped there), so a crash leaves the store either as it was or
 * repaired with the reconciling left to the next ingest.
 *
 * The sessions' own rows are left as they are: they merge what each file's session records said
 * (earliest start, latest end, first value seen), and the kept path is the same file, so it said
 * or, read on, will say the same. Recomputing them from the records left, as a file read again
 * from its start does, would lose a start or end only a session record gave, which the kept path
 * is not read again to give back.
 *
 * Returns the sessions concerned, or null when either row is gone (another ingest repaired it).
 */
function forgetSecondPath(db, dropId, keepId) {
    return db
        .transaction(() => {
        const rows = db_prepared(db, 'SELECT id, path FROM files WHERE id IN (?, ?)').all(dropId, keepId);
        const dropped = rows.find((r) => r.id === dropId);
        if (rows.length !== 2 || dropped === undefined)
            return null;
        const sessions = db_prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? UNION SELECT DISTINCT session_id FROM events WHERE file_id = ?`)
            .pluck()
            .all(dropId, dropId);
        // Provenance of records that no longer exist; through the (session_id, event_id, …) key.
        const redactions = db_prepared(db, 'DELETE FROM redactions WHERE session_id = ? AND event_id IN (SELECT id FROM events WHERE file_id = ? AND session_id = ?)');
        for (const sid of sessions)
            redactions.run(sid, dropId, sid);
        forgetFileContents(db, dropId);
        // A problem told of the path before it was read (an empty file, say) has no file id.
        db_prepared(db, 'DELETE FROM ingest_errors WHERE path = ?').run(dropped.path);
        const first = db_prepared(db, 'UPDATE sessions SET first_file_id = ? WHERE id = ? AND first_file_id = ?');
        for (const sid of sessions) {
            first.run(keepId, sid, dropId);
            markReconcilePending(db, sid);
        }
        db_prepared(db, 'DELETE FROM files WHERE id = ?').run(dropId);
        return sessions;
    })
        .immediate();
}

;// CONCATENATED MODULE: ./src/ingest/spellings.ts



const idOf = (st) => `${st.dev}:${st.ino}`;
/**
 * Finds the stored path of a file the store knows under another spelling: the same logs reached
 * through a link to their folder (or a hard link) are the same files, and read again under a new
 * path they would count every event twice.
 *
 * The walk gives each file once, under one path (walk.ts): a path it gave that the store does not
 * know can only be another path of a stored path it did not reach. So only those are stat'ed, once
 * per ingest, by `repair` (which is given the whole walk before any file is planned); when the walk
 * reached every stored path, nothing is. `of` answers from what `repair` found.
 */
class StoredAliases {
    db;
    /** By device and inode, the stored path each file the walk may reach under another path is stored as; filled by `repair`. */
    byId = new Map();
    constructor(db) {
        this.db = db;
    }
    of(st) {
        return this.byId.get(idOf(st)) ?? null;
    }
    /**
     * Stores made before paths were matched by device and inode may hold one file under two paths,
     * each with every record: of the stored paths that are now one file (both existing), the one
     * stored first (the lowest id) is kept and the others forgotten, one transaction each
     * (`forgetSecondPath`). The first keeps the store as it was before the second path was read:
     * the records stored first, the turns numbered from them, the replay flags the second path's
     * keyed records took from them. Called with the walk's files before any is planned, so a file
     * the walk reached under a forgotten path is planned under the kept one and read on from where
     * that stopped.
     *
     * A file stored twice has a path the walk did not reach; a path that is gone (or no longer a
     * file) matches nothing, and is not forgotten for its target being gone.
     */
    repair(walked) {
        const reached = new Set();
        for (const f of walked)
            reached.add(f.path);
        // By device and inode, the stored paths the walk did not reach; the walk's own files join a
        // group below only when one of those is the same file.
        const unreached = new Map();
        // Read a path at a time: the walk is already held whole, and a store of many files would double it.
        for (const path of eachStoredFilePath(this.db)) {
            if (reached.has(path))
                continue;
            let st;
            try {
                st = (0,external_node_fs_namespaceObject.statSync)(path);
            }
            catch {
                continue;
            }
            if (!st.isFile())
                continue;
            const same = unreached.get(idOf(st));
            if (same)
                same.push(path);
            else
                unreached.set(idOf(st), [path]);
        }
        this.byId.clear();
        if (unreached.size === 0)
            return [];
        // A walked path the store knows, of the same file as one it did not reach: stored twice.
        const walkedAs = new Map();
        for (const f of walked) {
            const key = idOf(f);
            if (unreached.has(key) && storedFileId(this.db, f.path) !== undefined)
                walkedAs.set(key, f.path);
        }
        const merged = [];
        for (const [key, paths] of unreached) {
            const also = walkedAs.get(key);
            const same = also === undefined ? paths : [also, ...paths];
            if (same.length === 1) {
                // Stored once: the path a walked path the store does not know is another spelling of.
                this.byId.set(key, same[0]);
                continue;
            }
            const rows = [];
            for (const path of same) {
                const id = storedFileId(this.db, path);
                if (id !== undefined)
                    rows.push({ path, id });
            }
            if (rows.length === 0)
                continue;
            rows.sort((a, b) => a.id - b.id);
            for (const drop of rows.slice(1))
                if (forgetSecondPath(this.db, drop.id, rows[0].id) !== null)
                    merged.push({ kept: rows[0].path, forgot: drop.path });
            this.byId.set(key, rows[0].path);
        }
        return merged.sort((a, b) => (a.forgot < b.forgot ? -1 : a.forgot > b.forgot ? 1 : 0));
    }
}

;// CONCATENATED MODULE: ./src/ingest/write-group.ts
/**
 * Commits several batches' writes as one transaction. Each commit copies every page the
 * transaction changed into the WAL, and a batch's events land all over the dedupe index (its keys
 * are hashes), so one commit per batch wrote most of that index again each time: fewer, larger
 * commits write each page once per group instead (docs/performance.md, "What would make it
 * faster"). A batch's progress is still saved with its rows, and a crash or a failure loses at most
 * the uncommitted group, which the next ingest reads again from the progress last committed.
 *
 * When the caller already has a transaction open on the connection, nothing is grouped: each batch
 * is a savepoint of the caller's transaction, as before.
 */
class WriteGroup {
    db;
    limits;
    open = false;
    lines = 0;
    chars = 0;
    constructor(db, limits) {
        this.db = db;
        this.limits = limits;
    }
    /** Whether the group's own transaction is open (not one the caller opened). */
    get holdsTransaction() {
        return this.open;
    }
    /** Before a batch is written: opens the group's transaction unless one is open. */
    begin() {
        if (this.db.inTransaction)
            return;
        this.db.exec('BEGIN IMMEDIATE');
        this.open = true;
        this.lines = 0;
        this.chars = 0;
    }
    /** After a batch was written: commits once the group holds enough. True when it committed. */
    wrote(lines, chars) {
        this.lines += lines;
        this.chars += chars;
        return this.lines >= this.limits.lines || this.chars >= this.limits.chars ? this.commit() : false;
    }
    /** True when it committed the group's own transaction. */
    commit() {
        if (!this.open)
            return false;
        this.open = false;
        this.db.exec('COMMIT');
        return true;
    }
    /** After a failure: what the group wrote is undone, as a failed batch's transaction was. */
    rollback() {
        if (!this.open)
            return;
        this.open = false;
        if (this.db.inTransaction)
            this.db.exec('ROLLBACK');
    }
}

;// CONCATENATED MODULE: ./src/ingest/committed-part.ts
function committed_part_emptyPart() {
    return { files_read: [], events: 0, skipped_lines: 0, errors: [], session_ids: [], merged_paths: [] };
}
/** Adds what `from` stored to `into`. A loop, not a spread: a commit may list more files than a call takes arguments. */
function committed_part_addPart(into, from) {
    for (const f of from.files_read)
        into.files_read.push(f);
    into.events += from.events;
    into.skipped_lines += from.skipped_lines;
    for (const e of from.errors)
        into.errors.push(e);
    for (const id of from.session_ids)
        into.session_ids.push(id);
    for (const m of from.merged_paths ?? [])
        (into.merged_paths ??= []).push(m);
    return into;
}

;// CONCATENATED MODULE: ./src/ingest/ingest.ts


























const HEAD_BYTES = 4096;
const MAX_BATCH_CHARS = 8 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;
async function readHead(path, bytes) {
    const fh = await (0,promises_namespaceObject.open)(path, 'r');
    try {
        const buf = Buffer.alloc(bytes);
        const { bytesRead } = await fh.read(buf, 0, bytes, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
function readHeadSync(path, bytes) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
    try {
        const buf = Buffer.alloc(bytes);
        const n = (0,external_node_fs_namespaceObject.readSync)(fd, buf, 0, bytes, 0);
        return buf.subarray(0, n);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function ingest_hash(b) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(b).digest('hex');
}
/**
 * Ingests files or directories into the store. Each file is read from where the last ingest
 * stopped: unchanged files (same size, mtime and head, read to the end) are skipped, grown or
 * part-read files are resumed at their stored offset with their parser's saved state, and
 * rewritten files are read again.
 * The whole ingest runs on a worker thread of its own when it can (see `IngestOptions.isolate`):
 * its heap is then sized for the ingest alone and freed when it ends.
 */
async function ingestPaths(db, paths, opts = {}) {
    return (await ingestOnWorker(db, paths, opts)) ?? ingestOnThisThread(db, paths, opts);
}
/**
 * The ingest itself, on the calling thread. Parsing runs on a worker thread when there is enough
 * to read (see `IngestOptions.worker`); this thread plans each file and writes what the parser found.
 */
async function ingestOnThisThread(db, paths, opts = {}, hooks = {}) {
    const result = {
        files: 0,
        unchanged_files: 0,
        sessions: 0,
        events: 0,
        skipped_lines: 0,
        errors: [],
        session_ids: [],
        parsed_on: 'thread',
        format_warnings: [],
        merged_paths: []
    };
    // Ids, not paths: a first ingest streams its walk, and a path kept here would be held to the end.
    const read = [];
    const writer = new StoreWriter(db);
    const touched = new TouchedSessions(db);
    const plans = toldFirst(planFiles(db, writer, paths, opts, result, (merged) => hooks.onCommit?.({ ...committed_part_emptyPart(), merged_paths: merged })), opts.onFirstRead);
    // The look-ahead holds every plan it makes until the first file is read, never more than
    // LOOKAHEAD_PLANS (a first ingest of many small files planned every file before reading one, and
    // ran out of the worker's heap). It plans ahead whether or not the parse worker is chosen already,
    // so a history of fewer files is planned, and its problems told, in the same order either way.
    const { head, rest, bytes } = await lookAhead(plans, WORKER_MIN_BYTES, LOOKAHEAD_PLANS);
    const onWorker = workerWanted(opts.worker) ?? (bytes >= WORKER_MIN_BYTES && spareCore());
    const parsed = parseJobs(heldTo(chain(head, rest), hooks.maxHeldBytes), onWorker, (where) => (result.parsed_on = where));
    const group = new WriteGroup(db, GROUP_LIMITS);
    const stored = hooks.onCommit ? new CommittedParts(touched, hooks.onCommit) : null;
    let stopped = null;
    // Only the capped attempt (the one given a bound) stops for its heap.
    const watch = hooks.maxHeldBytes !== undefined ? new HeapWatch() : null;
    try {
        for await (const { plan, batch } of parsed) {
            // What the group holds is given up, not committed: the next attempt then goes on from a
            // commit an uninterrupted ingest makes too, and its commits (and the raw lines' blocks, closed
            // at each) fall where that ingest's do, so the store is the same to the byte.
            const over = batch.needsHeap ?? watch?.near;
            if (over) {
                stopped = new HeldBytesReached(plan.job.path, over);
                break;
            }
            group.begin();
            const grouped = group.holdsTransaction;
            const eventsBefore = result.events;
            writeBatch(db, writer, plan, batch, result, touched, grouped);
            if (batch.last)
                read.push(plan.fileId);
            stored?.wrote(plan.job.path, plan.fileId, batch, result.events - eventsBefore, readWhole(plan.job));
            if (group.wrote(batch.lines.length, batchChars(batch)) || !grouped)
                stored?.committed();
            opts.onProgress?.({ file: plan.job.path, bytes: batch.offset });
        }
        if (stopped)
            group.rollback();
        else if (group.commit())
            stored?.committed();
    }
    catch (e) {
        group.rollback();
        throw e;
    }
    finally {
        watch?.stop();
    }
    // The reconciling is left to the attempt that goes on from this one's last commit.
    if (stopped)
        throw stopped;
    result.sessions = touched.size;
    // On the ingest's worker every session written to was posted with the commit that wrote it, and
    // the caller gathers them (ingest-thread.ts): 200,000 ids held here again ran the capped
    // attempt out of its heap at the end of a first ingest of many small files.
    result.session_ids = stored ? stored.unposted() : touched.all().sort();
    crashPoint();
    const page = hooks.endPage ?? END_PAGE;
    const reconcile = () => reconcileInPages(db, touched, page);
    if (hooks.reconcile)
        hooks.reconcile(reconcile);
    else
        reconcile();
    result.format_warnings = readWarnings(db, [...(hooks.readBefore ?? []), ...read]);
    if (result.files > 0)
        checkpointWal(db);
    return result;
}
/** Sessions reconciled at a time at the end of an ingest. */
const END_PAGE = 4_096;
/**
 * Reconciles the sessions this ingest wrote to and those an earlier one left pending, a page at a
 * time: all at once, a first ingest of many small files held every session's id several times
 * over at its end. Each step is the same over pages as over the whole: the copies are settled per
 * key against every holder whatever page asked for the key, the formats per session. So the
 * copies are settled for every page before any page's formats, as they were for all the sessions
 * at once, and nothing is cleared before both are done (a crash leaves the whole list pending).
 */
function reconcileInPages(db, touched, page) {
    const eachPage = (step) => {
        for (let after = 0;;) {
            const { ids, last } = touched.page(after, page);
            if (ids.length === 0)
                break;
            step(ids, false);
            after = last;
        }
        // Sessions an interrupted ingest stored but did not reconcile are reconciled now.
        for (let after = '';;) {
            const ids = touched.pendingElsewhere(after, page);
            if (ids.length === 0)
                break;
            step(ids, true);
            after = ids[ids.length - 1];
        }
    };
    eachPage((ids) => reconcileCopies(db, ids));
    eachPage((ids) => reconcileFormats(db, ids));
    // Cleared as they go: the pending sessions are read from the list by id, after the last cleared.
    eachPage((ids, pending) => {
        // A session this run wrote to has records; one only marked (its file read again) may have none left.
        if (pending)
            dropSessionsNoFileHolds(db, ids);
        clearReconcilePending(db, ids);
    });
}
/** Paths of the files read, asked of the store this many at a time. */
const WARNING_PAGE = 16_384;
/** The format warnings of the files read (their ids, in the order read): their paths are asked of the store a page at a time. */
function readWarnings(db, read) {
    const out = [];
    for (let from = 0; from < read.length; from += WARNING_PAGE)
        for (const w of formatWarnings(db, filePathsOf(db, read.slice(from, from + WARNING_PAGE))))
            out.push(w);
    return out;
}
/** The jobs of an attempt that holds no more than `bytes` at once (held-bytes.ts). */
async function* heldTo(plans, bytes) {
    for await (const plan of plans) {
        if (bytes !== undefined)
            plan.job.maxHeldBytes = bytes;
        yield plan;
    }
}
/**
 * What the batches written since the last commit stored, handed on when they are committed. A
 * file read whole on every attempt (compressed, a database: see writeBatch) counts only once its
 * last batch is committed: a later attempt reads it again from its start, and counts it then.
 */
class CommittedParts {
    touched;
    post;
    part = committed_part_emptyPart();
    wholeFile = null;
    sessionsPosted = 0;
    constructor(touched, post) {
        this.touched = touched;
        this.post = post;
    }
    wrote(path, fileId, batch, events, whole) {
        if (this.wholeFile && this.wholeFile.path !== path)
            this.wholeFile = null;
        if (whole)
            this.wholeFile ??= { path, part: committed_part_emptyPart() };
        const p = whole && this.wholeFile ? this.wholeFile.part : this.part;
        if (batch.last)
            p.files_read.push(fileId);
        p.events += events;
        p.skipped_lines += batch.skippedLines;
        for (const e of batch.problems)
            p.errors.push({ file: path, line: e.line, reason: e.reason });
        if (whole && batch.last && this.wholeFile) {
            // Its sessions are counted from `touched` at each commit, never in a file's part.
            committed_part_addPart(this.part, this.wholeFile.part);
            this.wholeFile = null;
        }
    }
    /** The sessions written to since the last commit (none once the last batch is committed). */
    unposted() {
        return this.touched.since(this.sessionsPosted).ids;
    }
    committed() {
        // Numbered in the order first touched: the sessions touched since the last commit are the tail.
        const { ids, count } = this.touched.since(this.sessionsPosted);
        this.part.session_ids = ids;
        this.sessionsPosted = count;
        this.post(this.part);
        this.part = committed_part_emptyPart();
    }
}
/**
 * How much one transaction holds before it commits (see WriteGroup): docs/performance.md has the
 * measurements that chose it.
 */
const GROUP_LIMITS = { lines: 20_000, chars: 32 * 1024 * 1024 };
function batchChars(batch) {
    let n = 0;
    for (const line of batch.lines)
        n += line.text?.length ?? 0;
    return n;
}
/**
 * Below this many bytes to read, the worker's gain is within the noise (50 MB bench corpus:
 * 1.28-1.62 s with it, 1.42 s without; it starts cold) while its memory cost, a second V8 heap of
 * 60-90 MB, is certain. From 200 MB up it saves 0-16 % (800 MB: 24.9 s against 29.6 s).
 */
const WORKER_MIN_BYTES = 128 * 1024 * 1024;
/**
 * A worker only pays when it has a core to itself: on the 200 MB bench corpus it takes the ingest
 * from 5.8 s to 5.2 s on an idle 2-core machine (medians of 5), and from 5.8 s to 8.1 s when
 * another process keeps one of the two cores busy. The 1-minute load average says which case this is
 * (it reads 0 on Windows, where the worker is then always used).
 */
function spareCore() {
    const cores = (0,external_node_os_namespaceObject.availableParallelism)();
    return cores >= 2 && (0,external_node_os_namespaceObject.loadavg)()[0] < cores - 0.5;
}
/** `AI_LOG_TRAIL_PARSE_WORKER=0|1` overrides the automatic choice, for measuring either way. */
function workerWanted(option) {
    if (typeof option === 'boolean')
        return option;
    const env = process.env.AI_LOG_TRAIL_PARSE_WORKER;
    return env === '1' ? true : env === '0' ? false : undefined;
}
/**
 * The most plans the look-ahead holds: a history of files this small on average (128 MiB over
 * 4,096 files is 32 KiB a file) is parsed on this thread, the worker's gain being a file's
 * JSON work beside the writing of the one before.
 */
const LOOKAHEAD_PLANS = 4096;
/** Plans until `bytes` are planned to be read, `plansAtMost` are planned, or the plans end, keeping the rest lazy. */
async function lookAhead(plans, bytes, plansAtMost) {
    const head = [];
    let total = 0;
    while (total < bytes && head.length < plansAtMost) {
        const next = await plans.next();
        if (next.done)
            break;
        head.push(next.value);
        total += Math.max(0, next.value.job.size - next.value.job.startOffset);
    }
    return { head, rest: plans, bytes: total };
}
/** `head`'s items, each let go once handed on (they are plans held to the end otherwise), then `rest`'s. */
async function* chain(head, rest) {
    for (let i = 0; i < head.length; i++) {
        const item = head[i];
        head[i] = undefined;
        yield item;
    }
    yield* rest;
}
/**
 * Decides, file by file, what to read: skips unchanged files, reports unreadable and unknown
 * ones, and prepares the store for files read again from the start. The walk is taken whole
 * first (a stat per file), for the stored paths it did not reach to be matched against it
 * (`StoredAliases.repair`) before any file is planned; `onMerged` hears of what that committed.
 */
async function* planFiles(db, writer, paths, opts, result, onMerged) {
    // A named pipe, a dangling link or an unreadable folder is said, with why, never passed over in
    // silence: in the walk's order among its files, as when each was planned as the walk found it.
    if (!anyStoredFile(db)) {
        // A store that holds no file has no stored path to repair, nor one a walked path could be
        // another spelling of: each file is planned as the walk finds it, and none is held after
        // (a first ingest of many files held the whole walk, and ran out of the worker's heap).
        const skipped = [];
        for await (const f of walk_walkFileStats(paths, (s) => skipped.push(s))) {
            for (const s of skipped.splice(0))
                reportProblem(writer, result, s.path, null, s.reason);
            const plan = await planFile(db, writer, f.path, f, opts, result);
            if (plan)
                yield plan;
        }
        for (const s of skipped.splice(0))
            reportProblem(writer, result, s.path, null, s.reason);
        return;
    }
    const walk = [];
    for await (const f of walk_walkFileStats(paths, (s) => walk.push(s)))
        walk.push(f);
    const aliases = new StoredAliases(db);
    const merged = aliases.repair(walk.filter((w) => !('reason' in w)));
    if (merged.length > 0) {
        writer.reset();
        result.merged_paths = merged;
        onMerged(merged);
    }
    for (const w of walk) {
        if ('reason' in w) {
            reportProblem(writer, result, w.path, null, w.reason);
            continue;
        }
        const plan = await planFile(db, writer, w.path, w, opts, result, aliases);
        if (plan)
            yield plan;
    }
}
/** `plans`, with `tell` called before the first is given. */
async function* toldFirst(plans, tell) {
    for await (const plan of plans) {
        tell?.();
        tell = undefined;
        yield plan;
    }
}
function reportProblem(writer, result, path, line, reason, fileId = null) {
    result.errors.push({ file: path, line, reason });
    try {
        writer.error(fileId, path, line, reason);
    }
    catch {
        // The error list in the result is the primary report; the table is a convenience.
    }
}
/** `st` is the walk's `stat` of `path`, taken just before. */
async function planFile(db, writer, path, st, opts, result, aliases = null) {
    const report = (reason) => reportProblem(writer, result, path, null, reason);
    // The unchanged check runs for every file on every re-run, so it is synchronous and reads
    // only the bytes it hashes; a file that changed is then read in full by the parse stage.
    if (isDatabaseSidecar(path))
        return null;
    if (st.size === 0) {
        report('empty file');
        return null;
    }
    const row = readFileRow(db, path);
    if (!row && aliases) {
        const stored = aliases.of(st);
        if (stored !== null && stored !== path)
            return planFile(db, writer, stored, st, opts, result);
    }
    const database = () => planDatabase({
        db,
        writer,
        report,
        unchanged: () => result.unchanged_files++,
        read: () => result.files++,
        limits: limitsOf(opts)
    }, path, st, row);
    // A database read before is checked by its signature, not by the head hash of a text log; one
    // that is no longer a database is read as what it is now.
    if (row?.format && sourceById(row.format)?.mode === 'database' && sqliteHead(path))
        return database();
    const headLen = Math.min(HEAD_BYTES, st.size);
    // Unchanged means read to the end: an ingest interrupted mid-file stored the offset it reached,
    // and a file whose offset falls short of its size is resumed there. (A compressed file's stored
    // offset is its size once read whole; see writeBatch.)
    if (row && row.size === st.size && row.offset === st.size && row.mtime_ms === st.mtimeMs && row.head_len === headLen) {
        let same = false;
        try {
            same = ingest_hash(readHeadSync(path, headLen)) === row.head_hash;
        }
        catch {
            // unreadable now: fall through to the full read, which reports it
        }
        if (same) {
            result.unchanged_files++;
            return null;
        }
    }
    let head;
    try {
        head = await readHead(path, SNIFF_BYTES);
    }
    catch (e) {
        report(`unreadable: ${e.code ?? String(e)}`);
        return null;
    }
    if (isSqliteHeader(head))
        return database();
    const headHash = ingest_hash(head.subarray(0, headLen));
    const compression = detectCompression(head);
    // What the parsers see: a compressed archive is recognized by its decompressed content.
    let content = head;
    if (compression) {
        try {
            content = await readCompressedHead(path, compression, SNIFF_BYTES);
        }
        catch (e) {
            report(`unreadable ${compression} data: ${String(e.message ?? e)}`);
            return null;
        }
    }
    const encoding = detectEncoding(content);
    // A grown file keeps its first bytes; anything else (truncated, rewritten) is read again.
    // A compressed archive cannot be resumed mid-stream: when it changes it is read whole again.
    const grown = !compression &&
        row !== undefined &&
        row.format !== null &&
        st.size >= row.offset &&
        row.head_len > 0 &&
        ingest_hash(head.subarray(0, row.head_len)) === row.head_hash;
    let source;
    if (grown && row.format)
        source = sourceById(row.format);
    if (!source) {
        const text = decodeText(content, encoding);
        const lines = text
            .split('\n')
            .map((l) => l.replace(/\r$/, ''))
            .filter((l) => l.trim() !== '')
            .slice(0, 20);
        source = recognize({ path, lines, parsed: lines.map((l) => tryParseJson(l)), text });
    }
    if (!source) {
        if (isSideFile(path))
            return null;
        report('unrecognized format (not a known agent log; skipped)');
        return null;
    }
    result.files++;
    const fileId = fileIdFor(db, path);
    const resume = grown && row && row.format === source.id;
    if (row && !resume) {
        // Rewritten in place: what was stored from the old content no longer exists.
        forgetFileAndItsSessionFacts(db, fileId);
        writer.reset();
    }
    return {
        fileId,
        agent: source.agent,
        mtimeMs: st.mtimeMs,
        headHash,
        headLen,
        job: {
            path,
            sourceId: source.id,
            compression,
            encoding,
            size: st.size,
            startOffset: resume ? row.offset : 0,
            startLine: resume ? row.line_no : 0,
            state: resume && row.parser_state ? JSON.parse(row.parser_state) : undefined,
            fallbackSessionId: fallbackSessionId(path, content.subarray(0, HEAD_BYTES)),
            ...limitsOf(opts)
        }
    };
}
function limitsOf(opts) {
    return {
        maxLineBytes: opts.maxLineBytes ?? 64 * 1024 * 1024,
        maxDocumentBytes: opts.maxDocumentBytes ?? 256 * 1024 * 1024,
        batchSize: opts.batchSize ?? 2000,
        maxBatchChars: MAX_BATCH_CHARS
    };
}
/** A compressed file or a database is read again from its start when an earlier read of it stopped. */
function readWhole(job) {
    return job.compression !== null || job.snapshot !== undefined;
}
/**
 * Stores one batch, its problems and how far the file has been read, in one transaction: a crash
 * leaves either all of it or none, and the next ingest resumes just past what was stored.
 */
function writeBatch(db, writer, plan, batch, result, touched, grouped) {
    const { job, fileId } = plan;
    // A compressed file cannot be resumed mid-stream (its offsets count decompressed bytes), nor can
    // a database (its rows are read again whole): it is recorded as read to its size only by its
    // last batch, so an interrupted read starts again.
    const whole = readWhole(job);
    const offset = whole ? (batch.last ? job.size : 0) : batch.offset;
    const lineNo = whole && !batch.last ? 0 : batch.lineNo;
    const write = () => {
        const sessions = new Set();
        writer.beginBatch(cwdsGiven(batch));
        for (const line of batch.lines)
            applyRecords(writer, fileId, plan.agent, line, result, sessions);
        writer.flushTimes();
        writer.flushRawLines();
        for (const sid of sessions) {
            touched.add(sid);
            markReconcilePending(db, sid);
        }
        for (const p of batch.problems)
            writer.error(fileId, job.path, p.line, p.reason);
        if (batch.save)
            saveFormatTally(db, fileId, batch.tally);
        if (batch.save)
            saveFileProgress(db, fileId, {
                format: job.sourceId,
                size: job.size,
                mtimeMs: plan.mtimeMs,
                headHash: plan.headHash,
                headLen: plan.headLen,
                offset,
                lineNo,
                parserState: batch.stateJson,
                encoding: job.encoding,
                ingestedAt: new Date().toISOString()
            });
        crashPoint();
    };
    // In a group's transaction a batch needs no savepoint of its own: a failure rolls the whole group
    // back, and a savepoint keeps the prior content of every page the batch changes in a journal of
    // its own (held in memory when it was measured, under temp_store = MEMORY: it raised the peak).
    if (grouped)
        write();
    else
        db.transaction(write).immediate();
    result.skipped_lines += batch.skippedLines;
    for (const p of batch.problems)
        result.errors.push({ file: job.path, line: p.line, reason: p.reason });
}
/** The first cwd a batch's session patches give each log session id. */
function cwdsGiven(batch) {
    const cwds = new Map();
    for (const line of batch.lines)
        for (const r of line.records)
            if (r.type === 'session' && r.patch.cwd && !cwds.has(r.patch.id))
                cwds.set(r.patch.id, r.patch.cwd);
    return cwds;
}
function applyRecords(writer, fileId, agent, line, result, touched) {
    let seq = 0;
    let rawStored = false;
    const { records } = line;
    for (const r of records) {
        if (r.type === 'session') {
            touched.add(writer.session(r.patch, fileId));
        }
        else if (r.type === 'event') {
            // The raw line is stored once, on the first event it produced.
            const raw = r.event.raw ?? (line.text !== null && !rawStored ? line.text : null);
            rawStored = true;
            const n = seq++;
            if (writer.event(fileId, agent, n, r.event, raw, line.payloads[n]))
                result.events++;
            touched.add(writer.sessionFor(fileId, r.event.session_id));
        }
    }
}

;// CONCATENATED MODULE: ./src/ingest/ingest-worker.ts
// First: in the Action's bundle the worker is a bundle entry of its own, with its own globals.







/**
 * The ingest's worker (see ingest-thread.ts): opens the store by its path, ingests, posts the
 * progress and what each commit stored, then the result or the error, and ends.
 */
const request = external_node_worker_threads_namespaceObject.workerData;
if (external_node_worker_threads_namespaceObject.parentPort && request?.role === INGEST_WORKER_ROLE)
    void ingest_worker_serve(external_node_worker_threads_namespaceObject.parentPort, request);
async function ingest_worker_serve(port, r) {
    const post = (m) => port.postMessage(m);
    try {
        const db = openStore(r.database, { migrateTo: r.schemaVersion });
        try {
            const onProgress = r.progress ? (p) => post({ type: 'progress', ...p }) : undefined;
            const onCommit = (part) => post({ type: 'committed', part });
            const options = { ...r.options, worker: parseWorkerWanted(r.options.worker), onProgress };
            const hooks = { onCommit, readBefore: r.readBefore, maxHeldBytes: r.maxHeldBytes };
            try {
                post({ type: 'done', result: await ingestOnThisThread(db, r.paths, options, hooks) });
            }
            catch (e) {
                if (!(e instanceof HeldBytesReached))
                    throw e;
                post({ type: 'needs-heap', file: e.file, over: e.over });
            }
        }
        finally {
            db.close();
        }
    }
    catch (e) {
        post({ type: 'failed', error: toWire(e) });
    }
}
/**
 * Here the parse worker is off unless asked for (the option, or `AI_LOG_TRAIL_PARSE_WORKER=1`):
 * its isolate costs more memory than the peak RSS target leaves, for a small gain in time
 * (docs/performance.md, "Peak RSS").
 */
function parseWorkerWanted(option) {
    return option ?? process.env.AI_LOG_TRAIL_PARSE_WORKER === '1';
}

