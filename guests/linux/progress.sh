# Sourced by build.sh. run_with_progress LOG COMMAND...: runs COMMAND with its output appended to
# LOG and, while it runs, prints one line to stderr every PROGRESS_SECONDS (default 10): how long
# it has taken and, for kbuild, how many files it has compiled and the last step. A cold kernel
# build is minutes of silence otherwise, and make's own output is thousands of lines.
# Returns COMMAND's exit status.
run_with_progress() {
  local log=$1
  shift
  local label=${!#}
  label=${label##*/}
  local every=${PROGRESS_SECONDS:-10}
  local start=$SECONDS
  local from
  from=$(($(wc -l <"$log") + 1))
  "$@" >>"$log" 2>&1 &
  local pid=$!
  local next=$((start + every))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.2
    if [ "$SECONDS" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      next=$((SECONDS + every))
      local compiled last
      compiled=$(tail -n +"$from" "$log" | grep -cE '^ +CC ' || true)
      last=$(tail -n +"$from" "$log" | grep -E '^ +[A-Z][A-Z0-9_]* +[^ ]' | tail -n 1 | sed -E 's/^ +//; s/ +/ /')
      echo "build.sh: $label: $((SECONDS - start)) s${last:+, $compiled files compiled, last: $last}" >&2
    fi
  done
  wait "$pid"
}
