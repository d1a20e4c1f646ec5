// Hashes a File off the page's thread: {file} in, {progress: [done, total]} messages, then {digest} or {error}.
import {sha256OfBlob} from './sha256.js';

self.addEventListener('message', async (event) => {
  try {
    const digest = await sha256OfBlob(event.data.file, (done, total) => self.postMessage({progress: [done, total]}));
    self.postMessage({digest});
  } catch (e) {
    self.postMessage({error: String(e && e.message ? e.message : e)});
  }
});
