#!/usr/bin/env bash
# Measures what a shadow copy costs on PostgreSQL without osc: a chunked INSERT ... SELECT of a
# fixture table into a shadow (with or without its primary key), and how long a pgoutput slot
# (read by pg_recvlogical as Debezium would) still needs to decode the copy's WAL afterwards.
#
# usage: bench/scripts/pg-copy-decode.sh PORT TABLE ROWS CHUNK with-key|bare|unlogged [logical_decoding_work_mem]
#   unlogged: a bare UNLOGGED heap, made LOGGED (a rewrite) after the copy, then the key built
#   against a server from `osc bench server --pg-bin /usr/lib/postgresql/15/bin` (user postgres,
#   127.0.0.1) holding TABLE from `osc bench fixture --shape sysbench` (key column id, 1..ROWS).
# It creates and drops the table osc_exp_shadow, the publication osc_exp_pub and the slot osc_exp_slot.
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: $0 PORT TABLE ROWS CHUNK with-key|bare|unlogged [logical_decoding_work_mem]" >&2; exit 2; }
PORT=$1; TABLE=$2; ROWS=$3; CHUNK=$4; KEY=$5; MEM=${6:-64MB}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
P=("$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA)
now() { date +%s.%N; }
cleanup() {
  [ -n "${RECV:-}" ] && kill "$RECV" 2>/dev/null && wait "$RECV" 2>/dev/null || true
  "${P[@]}" -c "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = 'osc_exp_slot'" >/dev/null
  "${P[@]}" -c "drop table if exists osc_exp_shadow; drop publication if exists osc_exp_pub" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup
UNLOGGED=; [ "$KEY" = unlogged ] && UNLOGGED=unlogged
"${P[@]}" -c "create $UNLOGGED table osc_exp_shadow (like \"$TABLE\" including defaults)"
[ "$KEY" = with-key ] && "${P[@]}" -c "alter table osc_exp_shadow add primary key (id)"
"${P[@]}" -c "create publication osc_exp_pub for table \"$TABLE\""
"${P[@]}" -c "select pg_create_logical_replication_slot('osc_exp_slot', 'pgoutput')" >/dev/null
# -F 0: report the flush position without fsync (by default it lags up to 10 s behind)
PGOPTIONS="-c logical_decoding_work_mem=$MEM" "$BIN/pg_recvlogical" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
  --slot osc_exp_slot --start -o proto_version=1 -o publication_names=osc_exp_pub -f /dev/null -s 1 -F 0 &
RECV=$!
sleep 1
t0=$(now)
"${P[@]}" -c "do \$\$ begin for i in 0..($ROWS/$CHUNK) loop
  insert into osc_exp_shadow select * from \"$TABLE\" where id > i*$CHUNK and id <= (i+1)*$CHUNK; commit; end loop; end \$\$"
t1=$(now)
LSN=$("${P[@]}" -c "select pg_current_wal_lsn()")
until [ "$("${P[@]}" -c "select confirmed_flush_lsn >= '$LSN' from pg_replication_slots where slot_name = 'osc_exp_slot'")" = t ]; do
  sleep 0.05
done
t2=$(now)
t3=$t2
[ "$KEY" = unlogged ] && "${P[@]}" -c "alter table osc_exp_shadow set logged" && t2=$(now) && t3=$t2
[ "$KEY" != with-key ] && "${P[@]}" -c "alter table osc_exp_shadow add primary key (id)" && t3=$(now)
printf 'chunk=%s shadow=%s copy_s=%.2f decoding_after_copy_s=%.2f (unlogged: with set logged) key_build_s=%.2f (slot status every 1 s)\n' \
  "$CHUNK" "$KEY" "$(echo "$t1-$t0" | bc)" "$(echo "$t2-$t1" | bc)" "$(echo "$t3-$t2" | bc)"
"${P[@]}" -F ' ' -c "select 'spilled transactions', spill_txns, 'bytes', spill_bytes, 'of', total_txns
  from pg_stat_replication_slots where slot_name = 'osc_exp_slot'"
