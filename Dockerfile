# Good Package Repo on the official Open Liberty image (kernel-slim, Java 17, OpenJ9, UBI 9 minimal).
#
# The image is assembled from build outputs; build them first (see docs/deployment.md):
#   mvn -B package liberty:create     # target/gpr.war, the JDBC drivers in target/liberty/wlp/usr/shared/resources/jdbc/
#                                     # and the application's libraries in .../resources/gpr-lib/
#   docker build -t good-package-repo .
#
# Flow of the base image (github.com/OpenLiberty/ci.docker): copy server.xml, RUN features.sh (installs
# exactly the features server.xml names), copy the application, RUN configure.sh (applies the image's
# configuration snippets and warms the OpenJ9 shared class cache by starting the server once).
ARG LIBERTY_IMAGE=icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal
FROM ${LIBERTY_IMAGE}

# false skips the build-time server start that configure.sh uses to warm the class cache (faster,
# smaller build; slower first start of every container).
ARG WARM_SCC=true

LABEL org.opencontainers.image.title="Good Package Repo" \
      org.opencontainers.image.description="Schema-driven artifact repository server on Open Liberty"

# Server configuration (features, ports, data source) and JVM options (-Xmx256m).
COPY --chown=1001:0 src/main/liberty/config/server.xml src/main/liberty/config/jvm.options /config/

# JDBC drivers (H2 and PostgreSQL) for server.xml's shared library jdbcLib (${shared.resource.dir}/jdbc).
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/*.jar /opt/ol/wlp/usr/shared/resources/jdbc/
# The application's libraries for server.xml's private library gprLib (${shared.resource.dir}/gpr-lib): outside the
# war, so Liberty does not scan or extract them at start.
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/gpr-lib/*.jar /opt/ol/wlp/usr/shared/resources/gpr-lib/

RUN features.sh

# server.xml deploys apps/gpr.war at the context root.
COPY --chown=1001:0 target/gpr.war /config/apps/

# configure.sh starts the server (with the application) to populate the class cache. The application
# would create its data (embedded database, LMDB, bootstrap admin password) in GPR_DATA_DIR on that start,
# so point it at a throwaway directory for this step only, then drop what the start left behind.
RUN OPENJ9_SCC="${WARM_SCC}" GPR_DATA_DIR=/tmp/gpr-build-data configure.sh \
    && rm -rf /tmp/gpr-build-data /output/tranlog /output/messaging /logs/*

# The data directory: blobs, LMDB metadata store, embedded H2 database, bootstrap admin password.
# Owned by the image's user 1001 (group 0, like the rest of the image) so that a new named volume
# mounted here inherits a writable directory.
USER root
RUN mkdir -p /data && chown 1001:0 /data && chmod 0770 /data
USER 1001

# Liberty resolves the server.xml variable gpr.data.dir from the environment variable GPR_DATA_DIR
# (a <variable defaultValue=...> yields to the environment), and MicroProfile Config maps the
# application's key gpr.data.dir to the same variable.
# Backups (POST /admin/backups) default to a "backups" directory beside the data directory, /backups,
# which is not writable here: keep them on the data volume, where blobs are hard-linked, not copied.
# Console logs as JSON lines for the log collector (server.xml's default is plain lines for a terminal).
# In a container the collector reads stdout, so the access log goes through Liberty's log (and so the console)
# rather than to its own file on the data volume; GPR_ACCESS_LOG_DESTINATION=file is the cheaper choice where a
# sidecar can tail the server's logs/access.log (docs/operations.md, Logs).
# MALLOC_ARENA_MAX: the footprint setting of src/main/liberty/config/server.env, which the image does not copy.
ENV GPR_DATA_DIR=/data \
    GPR_BACKUP_DIR=/data/backups \
    MALLOC_ARENA_MAX=2 \
    GPR_LOG_FORMAT=JSON \
    GPR_ACCESS_LOG_DESTINATION=messages
VOLUME ["/data"]

# 9080 HTTP. 9443 is the base image's HTTPS port; server.xml enables no TLS feature, so nothing listens
# there unless TLS is configured.
EXPOSE 9080 9443

# Readiness over plain bash (/dev/tcp): healthy only when GET /health/ready answers 200.
# Needs no curl (the base image has curl today, but this probe does not depend on it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/9080 && printf "GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && IFS= read -r -t 4 status <&3 && [[ "$status" == "HTTP/1.1 200"* ]]'

# ENTRYPOINT and CMD come from the base image: docker-server.sh, then `server run defaultServer`.
