# Sourced by .ci/run and scripts/test.sh.
#
# A CI sandbox once gave us a /dev/null that was a regular file: everything thrown away (build
# scripts probe the compiler with stderr sent to /dev/null) piled up in it, and cargo, which runs
# `rustc -` with /dev/null as stdin to learn a target's configuration, compiled that text and
# failed ("failed to run `rustc` to learn about target-specific information", `<anon>`).
# Make /dev/null a device again; if the sandbox forbids it, at least empty it before each step.
arreglar_dev_null() {
  [ -c /dev/null ] && return 0
  local nuevo="/dev/.null.$$"
  if mknod -m 666 "$nuevo" c 1 3 2>&- && mv -f "$nuevo" /dev/null; then
    echo "== /dev/null no era un dispositivo: se recreó" >&2
    return 0
  fi
  rm -f "$nuevo" 2>&- || true
  : >/dev/null
  echo "== /dev/null no es un dispositivo y no se puede recrear: se vació" >&2
}
