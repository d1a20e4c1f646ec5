# A restart after a crash without Liberty's forced clean start. Liberty marks a running server with
# workarea/.sRunning; when a start finds the marker (the JVM died without a clean stop) it discards its whole OSGi
# work area — bundle cache, resolution, the application's annotation cache — and rebuilds it, ~3–6 s of a restart on
# two cores. Reusing the crashed work area instead is not safe (Liberty persists its region state only at a clean
# stop: docs/operations.md, "Tried, not shipped"). This keeps a copy of the work area as the last clean stop left it
# (~4 MiB, refreshed before every start that follows a clean stop) and, when a start finds the marker of a dead
# JVM, puts that copy in place of the crashed work area: Liberty then starts as after that clean stop, and checks
# what changed since (configuration, application, features) as it does on every restart.
# The shipped server.env sources it (docs/operations.md, "Faster restart after a crash"); a server with its own
# server.env needs the same two lines:
#
#     # enable_variable_expansion
#     . ${SERVER_CONFIG_DIR}/work-area-snapshot.sh
#
# Linux only (a running server is recognised by a process holding workarea/.sLock open, read from /proc).
# After `server start --clean`, stop the server cleanly once (or delete workarea.clean-stop) before relying on it.
gpr_work_area_snapshot() {
  case "${ACTION}" in start | run | debug) ;; *) return 0 ;; esac
  [ "${GPR_WORK_AREA_SNAPSHOT:-on}" = on ] || return 0
  [ -d /proc/self/fd ] || return 0
  gpr_out=$(readlink -f "${WLP_OUTPUT_DIR}/${SERVER_NAME}") || return 0
  gpr_work="${gpr_out}/workarea"
  gpr_copy="${gpr_out}/workarea.clean-stop"
  if [ ! -e "${gpr_work}/.sRunning" ]; then
    # a clean stop (or no start yet): keep this work area for a restart after a crash
    if [ -d "${gpr_work}/org.eclipse.osgi" ]; then
      rm -rf "${gpr_copy}.new" && cp -pR "${gpr_work}" "${gpr_copy}.new" \
        && rm -rf "${gpr_copy}" && mv "${gpr_copy}.new" "${gpr_copy}"
    fi
  elif [ -d "${gpr_copy}" ] && ! ls -l /proc/[0-9]*/fd 2>/dev/null | grep -qF -- "-> ${gpr_work}/.sLock"; then
    # the marker of a JVM that is gone (a running server holds its lock file open): the last clean stop's work area
    rm -rf "${gpr_work}" && cp -pR "${gpr_copy}" "${gpr_work}"
  fi
  unset gpr_out gpr_work gpr_copy
}
gpr_work_area_snapshot
