// The public page a notice's QR code points to: /demo/notice.html?station=…&id=…
const params = new URLSearchParams(location.search);
const board = document.getElementById('notice');
const station = params.get('station');
const id = params.get('id');
if (board && station && id && /^[\w-]{1,64}$/.test(station) && /^[\w-]{1,64}$/.test(id)) {
  board.setAttribute('station', station);
  board.setAttribute('notice-id', id);
}
