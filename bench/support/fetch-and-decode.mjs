// The baseline of the avatar benchmark: a user's script that fetches an image with undici and
// decodes it with sharp — nothing else (no checks, no limits, no preview). With a URL argument it
// does that once and exits (timed as a whole process); without, it waits for URLs over IPC and
// does it for each (timed by the caller, round trip included, like the check's decoder process).
import sharp from 'sharp'
import { Agent, request } from 'undici'

const agent = new Agent()
const fetchAndDecode = async (url) => {
  const res = await request(url, { dispatcher: agent })
  const bytes = Buffer.from(await res.body.arrayBuffer())
  await sharp(bytes).raw().toBuffer()
}

if (process.argv[2]) {
  await fetchAndDecode(process.argv[2])
  await agent.close()
} else {
  process.on('message', async (url) => {
    await fetchAndDecode(url)
    process.send('done')
  })
  process.on('disconnect', () => process.exit(0))
  process.send('ready')
}
