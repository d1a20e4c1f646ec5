# A HotSpot class-data-sharing archive of this server's classes — Liberty's bundles, the libraries, the application —
# which the JVM writes when the server stops cleanly and every later start maps instead of loading and verifying those
# classes again: on two cores a clean restart ~2 s sooner, after `kill -9` ~1 s (docs/operations.md, "Faster start-up:
# the class-data archive"). Opt-in: source it from the server's server.env, which Liberty then runs as a script:
#
#     # enable_variable_expansion
#     . ${SERVER_CONFIG_DIR}/class-data-sharing.sh
#
# (with variable expansion every value in server.env is shell: quote passwords). Not the default, because the JVM
# prints at every start that an archive written beside a Java agent (Liberty's) is "for testing purposes only".
# HotSpot JVMs with the JDK's own archive only; OpenJ9 has its shared class cache, which Liberty sets up itself.
#
# The archive is valid for one JDK, one Liberty and one set of JVM options: a change of any of them (the stamp) makes
# the next start run without it and write a new one at its clean stop. Classes of a changed application or library
# are matched by size and checksum, so they are simply not served from the archive until it is written again.
# A freshly written archive is checked once (a JVM that must map it) before it is used: one cut short by a kill
# during the writing crashes a JVM that maps it (SIGBUS on JDK 17.0.15), so it is removed and written again.
gpr_class_data_sharing() {
  case "${ACTION}" in start | run | debug) ;; *) return 0 ;; esac
  [ "${GPR_CLASS_DATA_SHARING:-on}" = on ] || return 0
  gpr_java=java
  [ -n "${JAVA_HOME}" ] && gpr_java="${JAVA_HOME}/bin/java"
  gpr_java=$(command -v "${gpr_java}" 2>/dev/null) || return 0
  gpr_jdk=$(dirname "$(dirname "$(readlink -f "${gpr_java}")")")
  # HotSpot with its default archive (the base a dynamic archive is written on top of)
  [ -f "${gpr_jdk}/lib/server/classes.jsa" ] || return 0
  # the server script reads server.env with IFS set to a newline: the JVM options below must split on spaces
  gpr_ifs=$IFS
  IFS=' '
  gpr_dir="${GPR_CLASS_DATA_DIR:-${WLP_OUTPUT_DIR}/${SERVER_NAME}/class-data}"
  gpr_archive="${gpr_dir}/classes.jsa"
  gpr_stamp=$( (ls -l --time-style=+%s "${gpr_jdk}/lib/server/libjvm.so" "${gpr_jdk}/lib/server/classes.jsa"
                cat "${WLP_INSTALL_DIR}/lib/versions/openliberty.properties" "${WLP_USER_DIR}/shared/jvm.options" \
                    "${SERVER_CONFIG_DIR}/jvm.options" 2>/dev/null) | cksum)
  # Liberty starts the JVM with its own -javaagent: writing and mapping an archive both need this
  gpr_flags="-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent -Xlog:cds=off,cds+dynamic=off"
  if [ -f "${gpr_archive}" ] && [ "$(cat "${gpr_dir}/stamp" 2>/dev/null)" = "${gpr_stamp}" ]; then
    JVM_ARGS="${JVM_ARGS} ${gpr_flags} -XX:SharedArchiveFile=${gpr_archive}"
  elif [ -f "${gpr_archive}" ] && [ "$(cat "${gpr_dir}/stamp.pending" 2>/dev/null)" = "${gpr_stamp}" ] \
      && "${gpr_java}" ${gpr_flags} -Xshare:on "-XX:SharedArchiveFile=${gpr_archive}" -XX:ErrorFile=/dev/null \
           -cp "${WLP_INSTALL_DIR}/bin/tools/ws-server.jar" -version >/dev/null 2>&1; then
    mv -f "${gpr_dir}/stamp.pending" "${gpr_dir}/stamp"
    JVM_ARGS="${JVM_ARGS} ${gpr_flags} -XX:SharedArchiveFile=${gpr_archive}"
  elif mkdir -p "${gpr_dir}" 2>/dev/null && [ -w "${gpr_dir}" ]; then
    rm -f "${gpr_archive}" "${gpr_dir}/stamp"
    echo "${gpr_stamp}" >"${gpr_dir}/stamp.pending"
    JVM_ARGS="${JVM_ARGS} ${gpr_flags} -XX:ArchiveClassesAtExit=${gpr_archive}"
  fi
  IFS=$gpr_ifs
  unset gpr_ifs gpr_java gpr_jdk gpr_dir gpr_archive gpr_stamp gpr_flags
}
gpr_class_data_sharing
