# shellcheck shell=bash
# Kamailio's write-through reference for bench/run.sh (sourced): usrloc db_mode 1 on a private MariaDB.
#
# The MariaDB is the bench's own: a fresh datadir in $WORK/m, its own socket file there, bound to 127.0.0.1 on a
# free port (db_mysql's URL has no socket path, so Kamailio connects over TCP), started with --no-defaults so
# nothing of the system's configuration or service is read or touched; stop_mariadb removes it. Durability as
# shipped: InnoDB flushes its log at every commit (innodb_flush_log_at_trx_commit=1), no binary log.
# The location table is Kamailio's own schema from kamailio-mysql-modules.

MDB="$WORK/m"
MARIADB_PID=""
USRLOC_DB_URL=""   # read by lib.sh's start_kamailio
KAMAILIO_SQL=/usr/share/kamailio/mysql

# mariadb_sql ARGS...: the client as the database's administrator (the OS user, over the socket), tab-separated
mariadb_sql() { mariadb --no-defaults --socket="$MDB/sock" -u "$(id -un)" -N -B "$@"; }

start_mariadb() { # PORT; sets MARIADB_PID and USRLOC_DB_URL (usrloc's db_url)
  local port=$1 password deadline
  password=bench-$$-$RANDOM
  mkdir -p "$MDB"
  # the account of the OS user running the bench, authenticated by the socket (unix_socket), is the admin
  mariadb-install-db --no-defaults --datadir="$MDB/data" --user="$(id -un)" --auth-root-authentication-method=socket \
      --skip-test-db >"$MDB/install.log" 2>&1 || { echo "mariadb-install-db failed:" >&2; cat "$MDB/install.log" >&2; exit 1; }
  mariadbd --no-defaults --datadir="$MDB/data" --user="$(id -un)" --socket="$MDB/sock" --port="$port" \
      --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$MDB/m.pid" --log-error="$MDB/err.log" >/dev/null 2>&1 &
  MARIADB_PID=$!
  deadline=$((SECONDS + 60))
  until mariadb_sql -e 'SELECT 1' >/dev/null 2>&1; do
    if ! alive "$MARIADB_PID" || [ $SECONDS -ge $deadline ]; then
      echo "MariaDB did not start:" >&2; tail -20 "$MDB/err.log" >&2; exit 1
    fi
    sleep 0.5
  done
  mariadb_sql -e "CREATE DATABASE kamailio; CREATE USER 'kamailio'@'127.0.0.1' IDENTIFIED BY '$password';
      GRANT SELECT, INSERT, UPDATE, DELETE ON kamailio.* TO 'kamailio'@'127.0.0.1';"
  cat "$KAMAILIO_SQL/standard-create.sql" "$KAMAILIO_SQL/usrloc-create.sql" | mariadb_sql kamailio
  # shellcheck disable=SC2034 # read by lib.sh's start_kamailio
  USRLOC_DB_URL="mysql://kamailio:$password@127.0.0.1:$port/kamailio"
}

stop_mariadb() { # waits for it to exit, then removes its datadir
  [ -z "$MARIADB_PID" ] || stop_process "$MARIADB_PID" 30
  MARIADB_PID=""
  rm -rf "$MDB"
}

mariadbd_pids() { echo "$MARIADB_PID"; }

# location_rows [CONDITION]: rows of kamailio.location (that meet CONDITION)
location_rows() { mariadb_sql kamailio -e "SELECT COUNT(*) FROM location${1:+ WHERE $1}"; }

# usrloc_db_invalid REASON: the reference's figures do not stand; said loudly, kept for the report and exit status
usrloc_db_invalid() {
  echo "kamailio_db INVALID: $1" >&2
  echo "kamailio_db invalid: $1" >> "$WORK/results.txt"
}

# One authenticated REGISTER (401, then 200) of USER from CSV, then its binding must already be in MariaDB:
# write-through means the row is committed before the 200 goes out (write-back would wait for usrloc's timer).
usrloc_db_check_write_through() { # PORT CSV USER
  sipp "127.0.0.1:$1" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$2" -m 1 -i 127.0.0.1 -p "$(free_port)" \
      -nostdin -timeout 10s -timeout_error >/dev/null 2>&1 \
    || { usrloc_db_invalid "the authenticated REGISTER of $3 (401, then 200) failed"; return 0; }
  [ "$(location_rows "username = '$3'")" = 1 ] \
    || usrloc_db_invalid "no row for $3 in MariaDB right after its 200 OK: not write-through"
}

# Hooks of measure(). Each SIPp run registers from its own port, so a run's REGISTERs add one binding (row) per
# user and then refresh it (usrloc's max_contacts is 10); each REGISTER has a new Call-ID. The users with a row the
# measured run inserted or updated must be at least those its OK REGISTERs (200) can have covered: all of them
# when none failed, and never fewer than OK / (REGISTERs per user), which a failure cannot explain away.
kamailio_db_before_fixed() {
  [ "$1" = reg ] || return 0
  mariadb_sql kamailio -e "DROP TABLE IF EXISTS bench_before;
      CREATE TABLE bench_before AS SELECT id, callid FROM location"
}
kamailio_db_after_fixed() { # KIND COUNT OK
  [ "$1" = reg ] || return 0
  local count=$2 ok=$3 per_user expected written
  per_user=$(( (count + USERS - 1) / USERS ))
  if [ "$ok" -ge "$count" ]; then expected=$((count < USERS ? count : USERS))
  else expected=$(( (ok + per_user - 1) / per_user )); fi
  written=$(mariadb_sql kamailio -e "SELECT COUNT(DISTINCT username) FROM location l WHERE NOT EXISTS
      (SELECT 1 FROM bench_before b WHERE b.id = l.id AND b.callid = l.callid)")
  echo "kamailio_db reg rows written to MariaDB by the measured run: for $written users ($ok REGISTERs OK, at least $expected users expected)" >> "$WORK/results.txt"
  [ "$written" -ge "$expected" ] \
    || usrloc_db_invalid "the measured run wrote rows to MariaDB for $written users, at least $expected expected"
}

# After all runs, every user registered has a row: the USERS of the load and the one checked first.
usrloc_db_check_users() { # EXPECTED_USERS
  local seen rows
  seen=$(mariadb_sql kamailio -e "SELECT COUNT(DISTINCT username) FROM location")
  rows=$(location_rows)
  echo "kamailio_db location rows in MariaDB after the runs: $rows, of $seen users (expected $1 users)" >> "$WORK/results.txt"
  [ "$seen" = "$1" ] || usrloc_db_invalid "rows for $seen users in MariaDB after the runs, expected $1"
}
