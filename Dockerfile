# pqs in a container: a slim Debian with git (pqs reads a portfolio's history for the pack) and
# the release's static (musl) pqs. The release workflow builds and publishes it
# (.github/workflows/publish-image.yml) from the archives it has just built and checked, put in
# the build context as amd64/pqs and arm64/pqs; nothing is compiled here.
#
#   docker run --rm -v "$PWD:/portfolio" ghcr.io/pqs-tool/pqs:0.1.0 check
FROM debian:bookworm-slim

# git's version is left to Debian's security updates; pinning it would hold back their fixes.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates git \
    && rm -rf /var/lib/apt/lists/*

ARG TARGETARCH
COPY --chmod=755 ${TARGETARCH}/pqs /usr/local/bin/pqs

# Not root. A portfolio mounted from the host is usually its first user's, uid 1000, so git
# reads it as the owner's (git refuses a repository of another user rather than run its config).
RUN useradd --create-home --uid 1000 pqs
USER 1000:1000
WORKDIR /portfolio
ENTRYPOINT ["pqs"]
CMD ["check"]
