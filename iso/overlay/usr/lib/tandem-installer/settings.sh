# shellcheck shell=bash disable=SC2034 # the settings are globals, read by tandem-install and questions.sh
# The installer's settings (sourced by /usr/sbin/tandem-install and by iso/cmdline-test.sh): read from the kernel
# command line, and checked one by one. Each *_problem function prints why a value is refused, or nothing: the
# questions show that and ask again; an unattended install stops on it before anything is written.

cmdline_value() {  # value of NAME=... on the kernel command line, or "" (NAME alone: "1")
  # The last NAME=VALUE wins, and any NAME=VALUE wins over a bare NAME: the README's unattended
  # recipe appends tandem.install=/dev/sda to a boot line that already holds a bare tandem.install.
  local word words value=""
  read -r -a words < "${TANDEM_CMDLINE:-/proc/cmdline}"
  for word in "${words[@]}"; do
    case "$word" in
      "$1") [ -n "$value" ] || value=1 ;;
      "$1"=*) value=${word#*=} ;;
    esac
  done
  echo "$value"
}

valid_ipv4() {  # a dotted-quad IPv4 address
  local octet
  [[ "$1" =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] || return 1
  for octet in "${BASH_REMATCH[@]:1}"; do [ "$((10#$octet))" -le 255 ] || return 1; done
}

network_problem() {  # why $ip (ADDRESS/PREFIX), $gateway and $dns are not a static network, or nothing
  local d
  [[ "$ip" == */* ]] || { echo "write the address with its prefix length, e.g. 192.168.1.20/24"; return; }
  valid_ipv4 "${ip%/*}" || { echo "'${ip%/*}' is not an IPv4 address"; return; }
  [[ "${ip#*/}" =~ ^([89]|[12][0-9]|30)$ ]] || { echo "the prefix length is 8 to 30 (24 for 255.255.255.0)"; return; }
  [ -z "$gateway" ] || valid_ipv4 "$gateway" || { echo "gateway '$gateway' is not an IPv4 address"; return; }
  for d in ${dns//,/ }; do valid_ipv4 "$d" || { echo "DNS server '$d' is not an IPv4 address"; return; }; done
}

zone_problem() {  # why $1 is not a time zone of tzdata's, or nothing
  [[ "$1" =~ ^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$ ]] && [ -f "${TANDEM_ZONEINFO:-/usr/share/zoneinfo}/$1" ] \
    || echo "'$1' is not a time zone: write it as Area/City, e.g. Europe/Berlin, America/New_York, or UTC"
}

hostname_problem() {  # why $1 is not a host name (one DNS label, RFC 1123 §2.1), or nothing
  [[ "$1" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$ ]] \
    || echo "'$1' is not a host name: 1 to 63 letters, digits and '-', not starting or ending with '-' (e.g. pbx1)"
}

is_block_device() { [ -b "$1" ]; }

disk_problem() {  # why $1 is not a disk to install to, or nothing ($live_medium: the device the live system runs from)
  [ -n "$1" ] || { echo "no disk chosen"; return; }
  is_block_device "$1" || { echo "'$1' is not a block device (lsblk lists the disks)"; return; }
  [ "$(lsblk -d -n -o TYPE "$1" 2>/dev/null)" = disk ] || { echo "'$1' is not a whole disk"; return; }
  case "${live_medium:-}" in
    "$1"|"$1"[0-9]*|"$1"p[0-9]*) echo "'$1' holds the live medium this system runs from: choose another disk" ;;
  esac
}

# The console keyboard layouts offered: XKB layout names (what /etc/default/keyboard takes) and what they are.
keyboard_layouts=(us "English (US)" gb "English (UK)" de "German" ch "Swiss German" fr "French" be "Belgian"
  es "Spanish" pt "Portuguese" it "Italian" nl "Dutch" se "Swedish" no "Norwegian" dk "Danish" "fi" "Finnish"
  pl "Polish" cz "Czech")

keyboard_layout() {  # the XKB layout for $1 (uk means gb), or nothing when it is not offered
  local code=${1,,} i
  [ "$code" = uk ] && code=gb
  for ((i = 0; i < ${#keyboard_layouts[@]}; i += 2)); do
    if [ "${keyboard_layouts[i]}" = "$code" ]; then echo "$code"; return; fi
  done
}

keyboard_problem() {  # why $1 is not a keyboard layout offered, or nothing
  local codes="" i
  [ -z "$(keyboard_layout "$1")" ] || return 0
  for ((i = 0; i < ${#keyboard_layouts[@]}; i += 2)); do codes+=" ${keyboard_layouts[i]}"; done
  echo "'$1' is not a keyboard layout offered: one of$codes (uk is gb)"
}

admin_name_problem() {  # why $1 cannot be the admin account's name, or nothing
  [[ "$1" =~ ^[a-z][a-z0-9_-]{0,31}$ ]] \
    || { echo "'$1' is not a user name: up to 32 lower-case letters, digits, '-' and '_', starting with a letter"; return; }
  [ "$1" != root ] || { echo "root stays locked: choose another name, e.g. tandem-admin"; return; }
  if cut -d: -f1 "${TANDEM_PASSWD:-/etc/passwd}" "${TANDEM_GROUP:-/etc/group}" | grep -qxF -- "$1"; then
    echo "'$1' is already a user or group of the system: choose another name, e.g. tandem-admin"
  fi
}

password_problem() {  # why $1, typed again as $2, is not the admin's password, or nothing
  [ -n "$1" ] || { echo "the password is empty"; return; }
  [ "${#1}" -ge 8 ] || { echo "the password is shorter than 8 characters"; return; }
  [ "$1" = "$2" ] || echo "the two passwords differ"
}

password_hash_problem() {  # why $1 is not a SHA-512 crypt hash (crypt(5)), or nothing
  # shellcheck disable=SC2016 # a regular expression, no expansion wanted
  local re='^\$6\$(rounds=[0-9]{4,9}\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{86}$'
  [[ "$1" =~ $re ]] || echo "tandem.admin-password-hash is not a SHA-512 crypt hash (\$6\$salt\$hash, made by" \
    "'openssl passwd -6' or 'mkpasswd -m sha-512'); on a GRUB boot line put it in single quotes, or GRUB eats the \$ parts"
}

ssh_key_line() {  # the authorized_keys line that $1 encodes (URL-safe base64, RFC 4648 §5, padding optional)
  local b64=${1//-/+}
  b64=${b64//_//}
  while (( ${#b64} % 4 )); do b64+="="; done
  printf '%s' "$b64" | base64 -d 2>/dev/null || true
}

ssh_key_problem() {  # why $1 is not one authorized_keys line with a public key (sshd(8) AUTHORIZED_KEYS), or nothing
  local re='^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/]+={0,2})( [^[:cntrl:]]*)?$'
  local type blob embedded
  [[ "$1" =~ $re ]] || { echo "tandem.admin-ssh-key is not one public key line ('ssh-ed25519 AAAA... comment') in URL-safe base64"; return; }
  type=${BASH_REMATCH[1]} blob=${BASH_REMATCH[2]}
  # The key's data starts with its type as an SSH string (RFC 4253 §6.6): 4 bytes of length, then the name.
  embedded=$(printf '%s' "$blob" | base64 -d 2>/dev/null | head -c $((4 + ${#type})) | tail -c "${#type}" || true)
  [ "$embedded" = "$type" ] || echo "tandem.admin-ssh-key: the key's data is not a $type key"
}

read_settings() {  # the install's settings from the kernel command line (disk: $1 when given, else tandem.install=)
  disk=${1:-$(cmdline_value tandem.install)}
  [ "$disk" != 1 ] || disk=""
  keyboard=$(cmdline_value tandem.keyboard)
  keyboard=${keyboard:-us}
  hostname=$(cmdline_value tandem.hostname)
  hostname=${hostname:-tandem}
  zone=$(cmdline_value tandem.timezone)
  zone=${zone:-UTC}
  ip=$(cmdline_value tandem.ip)
  gateway=$(cmdline_value tandem.gateway)
  dns=$(cmdline_value tandem.dns)
  admin=$(cmdline_value tandem.admin)
  admin_hash=$(cmdline_value tandem.admin-password-hash)
  admin_key=$(ssh_key_line "$(cmdline_value tandem.admin-ssh-key)")
  admin_key_given=$(cmdline_value tandem.admin-ssh-key)
  if [ -z "$admin" ] && [ -n "$admin_hash$admin_key_given" ]; then admin=tandem-admin; fi
  admin_password=""
  rootpw_given=$(cmdline_value tandem.rootpw)
}

settings_problem() {  # the first reason the settings cannot be installed, or nothing (again after the questions)
  local problem
  [ -z "$rootpw_given" ] || { echo "tandem.rootpw is no longer read (root stays locked, no clear password on the boot line): give tandem.admin=NAME and tandem.admin-password-hash=HASH"; return; }
  problem=$(disk_problem "$disk"); [ -z "$problem" ] || { echo "disk: $problem"; return; }
  problem=$(keyboard_problem "$keyboard"); [ -z "$problem" ] || { echo "tandem.keyboard: $problem"; return; }
  problem=$(hostname_problem "$hostname"); [ -z "$problem" ] || { echo "tandem.hostname: $problem"; return; }
  problem=$(zone_problem "$zone"); [ -z "$problem" ] || { echo "tandem.timezone: $problem"; return; }
  if [ -n "$ip" ]; then problem=$(network_problem); [ -z "$problem" ] || { echo "static network: $problem"; return; }; fi
  # The admin account: none without tandem.admin and its hash; the hash is needed (sudo asks for the password).
  if [ -n "$admin" ]; then
    problem=$(admin_name_problem "$admin"); [ -z "$problem" ] || { echo "tandem.admin: $problem"; return; }
    # (asked on the console: the password typed twice; on the boot line: its hash)
    if [ -z "$admin_password" ]; then
      [ -n "$admin_hash" ] || { echo "tandem.admin=$admin needs tandem.admin-password-hash= (sudo asks for the password)"; return; }
      problem=$(password_hash_problem "$admin_hash"); [ -z "$problem" ] || { echo "$problem"; return; }
    fi
    if [ -n "$admin_key_given" ]; then problem=$(ssh_key_problem "$admin_key"); [ -z "$problem" ] || { echo "$problem"; return; }; fi
  fi
}
