# Taiga: the commands a person or CI types. Each target first runs scripts/setup, which installs
# the Debian packages the project needs (it returns at once when they are all there).
#   make run    set up, build, start the server on embedded defaults (http://127.0.0.1:8080/taiga/)
#   make test   set up, build, run every test suite (scripts/test) — what CI runs

BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= 2
ARGS       ?=

.PHONY: setup web build test run check-layering format clean

setup:
	scripts/setup

# The web UI (web/dist), built first: the server embeds it. npm ci runs when node_modules is
# missing or older than package-lock.json; the build runs when a source is newer than the last one.
WEB_SOURCES = web/src web/index.html web/package.json web/package-lock.json web/vite.config.ts \
              web/tsconfig.json
web: setup
	@if [ ! -f web/node_modules/.package-lock.json ] || \
	    [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	  echo "cd web && npm ci"; (cd web && npm ci --no-audit --no-fund); \
	fi
	@if [ ! -f web/dist/index.html ] || \
	    [ -n "$$(find $(WEB_SOURCES) -newer web/dist/index.html -print -quit)" ]; then \
	  echo "cd web && npm run build"; cd web && npm run --silent build; \
	else \
	  echo "web/dist is up to date"; \
	fi

build: web
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  echo "cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)"; \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); \
	fi
	ninja -C $(BUILD_DIR) -j$(JOBS)

test: build
	scripts/test

run: build
	$(BUILD_DIR)/taiga serve $(ARGS)

check-layering: setup
	scripts/check-layering

format: setup
	find src -type f \( -name '*.h' -o -name '*.cc' \) -print0 | xargs -0 -r clang-format -i

clean:
	rm -rf $(BUILD_DIR)
