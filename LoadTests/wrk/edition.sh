# Sourced by the bench scripts: `wrk_edition <base-url> <admin-token> <name>` creates an edition in
# phase voting with one approval pool (projects p1, p2; one pick per ballot), which
# LoadTests/wrk/votes.lua votes in, and prints its id.
wrk_edition() {
  local edition="$3-$RANDOM$RANDOM"
  curl -fs -XPOST "$1/api/v1/admin/editions" -H "Authorization: Bearer $2" -H "content-type: application/json" -d '{"id":"'"$edition"'","name":"'"$3"'","phase":"voting","votingOpensAt":"2020-01-01T00:00:00Z","votingClosesAt":"2099-01-01T00:00:00Z","liveResults":true,"pools":[{"id":"city","budget":1000,"ballot":{"type":"approval","minSelections":1,"maxSelections":1},"projects":[{"id":"p1","cost":100},{"id":"p2","cost":100}]}]}' > /dev/null
  echo "$edition"
}
