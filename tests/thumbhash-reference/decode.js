// Decodes ThumbHashes with the reference implementation (npm thumbhash), for PlaceholderTests.
// Input: one base64 hash per line on stdin. Output: one JSON object per line:
// {"aspectRatio": w/h, "r", "g", "b", "a": the average colour, 0…1}.
const { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA } = require('thumbhash');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  for (const line of input.split('\n').map(l => l.trim()).filter(l => l.length > 0)) {
    const hash = Buffer.from(line, 'base64');
    const average = thumbHashToAverageRGBA(hash);
    console.log(JSON.stringify({ aspectRatio: thumbHashToApproximateAspectRatio(hash), ...average }));
  }
});
