# shellcheck shell=bash
# The installer's screens: whiptail dialogs on the console, or plain prompts (TANDEM_UI=plain, or when whiptail cannot
# draw): the question on standard error, the answer one line of standard input ("back" goes back; the tests feed a
# file). Every ui_* prints the answer on standard output and returns 0; 1 means Back (whiptail's Back button or Esc);
# 2 means no answer can come (end of input).

ui=${TANDEM_UI:-whiptail}
ui_title="Install Tandem"
ui_backtitle="Tandem installer (Tab moves between fields and buttons, Enter chooses)"

ui_start() {  # falls back to plain prompts when whiptail is missing or cannot draw on this terminal
  if [ "$ui" = whiptail ] && { ! command -v whiptail >/dev/null 2>&1 \
      || ! whiptail --title "$ui_title" --infobox "Starting the installer..." 7 50 >&2 2>/dev/null; }; then
    ui=plain
  fi
}

ui_whiptail() {  # whiptail ARGS...: the answer on stdout (whiptail writes it to stderr, draws on stdout)
  local rc=0
  whiptail --title "$ui_title" --backtitle "$ui_backtitle" "$@" 3>&1 1>&2 2>&3 || rc=$?
  case $rc in 0) return 0 ;; 1|255) return 1 ;; *) return 2 ;; esac
}

ui_read() {  # ui_read PROMPT [silent]: one line of standard input; 1 for "back", 2 at its end
  local line
  printf '%s' "$1" >&2
  if [ "${2:-}" = silent ] && [ -t 0 ]; then
    IFS= read -r -s line || return 2
    echo >&2
  else
    IFS= read -r line || return 2
  fi
  [ "$line" != back ] || return 1
  printf '%s\n' "$line"
}

ui_menu() {  # ui_menu TEXT DEFAULT-TAG TAG ITEM [TAG ITEM]...: the tag chosen
  local text=$1 default=$2 answer i
  shift 2
  local items=("$@")
  if [ "$ui" = whiptail ]; then
    local rows=$(( ${#items[@]} / 2 ))
    [ "$rows" -le 12 ] || rows=12
    ui_whiptail --cancel-button Back --default-item "$default" --menu "$text" $((rows + 9)) 76 "$rows" "${items[@]}"
    return
  fi
  while :; do
    printf '\n%s\n' "$text" >&2
    for ((i = 0; i < ${#items[@]}; i += 2)); do printf '  %-16s %s\n' "${items[i]}" "${items[i + 1]}" >&2; done
    answer=$(ui_read "Choice [$default] (back: go back): ") || return
    answer=${answer:-$default}
    for ((i = 0; i < ${#items[@]}; i += 2)); do
      if [ "${items[i]}" = "$answer" ]; then echo "$answer"; return 0; fi
    done
    printf '*** %s\n' "'$answer' is not in the list" >&2
  done
}

ui_input() {  # ui_input TEXT DEFAULT: the text typed
  local answer
  if [ "$ui" = whiptail ]; then
    ui_whiptail --cancel-button Back --inputbox "$1" 12 76 "$2"
    return
  fi
  printf '\n' >&2
  answer=$(ui_read "${1%:} [$2]: ") || return
  echo "${answer:-$2}"
}

ui_password() {  # ui_password TEXT: the password typed (not shown)
  if [ "$ui" = whiptail ]; then
    ui_whiptail --cancel-button Back --passwordbox "$1" 11 76
    return
  fi
  printf '\n' >&2
  ui_read "$1: " silent
}

ui_yesno() {  # ui_yesno TEXT: 0 for yes, 1 for no (the default), 2 when no answer can come
  local answer
  if [ "$ui" = whiptail ]; then
    local rc=0
    whiptail --title "$ui_title" --backtitle "$ui_backtitle" --defaultno --yesno "$1" 14 76 || rc=$?
    case $rc in 0) return 0 ;; 1|255) return 1 ;; *) return 2 ;; esac
  fi
  printf '\n%s\n' "$1" >&2
  answer=$(ui_read "Type yes or no [no]: ") || { [ $? = 1 ] && return 1; return 2; }
  [ "$answer" = yes ]
}

ui_error() {  # ui_error TEXT: shows why an answer was refused
  if [ "$ui" = whiptail ]; then
    whiptail --title "Please check" --backtitle "$ui_backtitle" --msgbox "$1" 12 76 || true
    return
  fi
  printf '*** %s; again.\n' "$1" >&2
}
