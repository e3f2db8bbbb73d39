# mlscope in a container: docs/DEPLOY.md ("In a container").
#   docker build -t mlscope .
#   docker run --rm -p 8000:8000 -e MLSCOPE_WORKERS=2 mlscope
# Stage 1 builds the front-end bundle (what `make build` does); stage 2 installs the package
# with its core dependencies only: no test tools, no PyTorch.

FROM node:20-slim AS frontend
WORKDIR /build/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
# build.mjs writes the bundle into ../src/mlscope/_static
RUN npm run --silent build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore
WORKDIR /build
COPY pyproject.toml README.md ./
COPY src/ src/
COPY --from=frontend /build/src/mlscope/_static/ src/mlscope/_static/
# The training kernel (numba) is compiled once here into a cache the server's user owns (numba
# looks in NUMBA_CACHE_DIR first, and uses it only where it may write), so the first
# learner's Play does not wait for it. numba uses a cache only on the CPU model it was made
# on; on another it compiles again, once, into the same folder (numpy trains meanwhile).
ENV NUMBA_CACHE_DIR=/var/cache/mlscope-numba
RUN pip install . \
    && rm -rf /build \
    && useradd --create-home --uid 10001 mlscope \
    && python -c "from mlscope.nn import fused; assert fused.kernel(wait=True)" \
    && chown -R mlscope /var/cache/mlscope-numba

USER mlscope
WORKDIR /home/mlscope
# Worker processes and the session bound (`mlscope serve --workers/--max-sessions`). The
# command's own default of one worker per core would count the host's cores, not the CPUs
# given to the container: set MLSCOPE_WORKERS to those.
ENV MLSCOPE_WORKERS=1 \
    MLSCOPE_MAX_SESSIONS=100
EXPOSE 8000
# Shell form so the variables expand; exec makes mlscope PID 1, which stops on SIGTERM.
CMD exec mlscope serve --host 0.0.0.0 --port 8000 --no-open --workers "$MLSCOPE_WORKERS" --max-sessions "$MLSCOPE_MAX_SESSIONS"
