# Sourced by the install scripts: apt-get that waits, for a bounded time, while another apt
# (or unattended-upgrades on a fresh machine) holds the package locks, instead of failing at once.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_LOCK_WAIT="${APT_LOCK_WAIT:-300}"

apt_get() {
  deadline=$(($(date +%s) + APT_LOCK_WAIT))
  while :; do
    if output=$(DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=60 "$@" 2>&1); then
      printf '%s\n' "$output" | tail -n 3
      return 0
    fi
    case "$output" in
      *"Could not get lock"* | *"Unable to acquire"* | *"is another process using it"*) ;;
      *)
        printf '%s\n' "$output" >&2
        return 1
        ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf '%s\napt is still locked after %ss\n' "$output" "$APT_LOCK_WAIT" >&2
      return 1
    fi
    echo "waiting for the apt lock held by another process…"
    sleep 5
  done
}
