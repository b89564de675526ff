// The overview follows the event stream (SSE read through the same fetch wrapper, so the token goes along).
import { api } from './api.js';

const label = text => {
  const node = document.getElementById('live');
  node.textContent = text;
  node.hidden = !text;
};

export const live = {
  controller: null,
  timer: null,
  stop() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    clearTimeout(this.timer);
    label('');
  },
  /** Reads events after `position`; a second after the last of a burst, calls `refresh(lastPosition)`. */
  follow(position, refresh) {
    if (this.controller) return; // already following; the refresh re-rendered the same page
    const controller = new AbortController();
    this.controller = controller;
    let last = position;
    label('实时：连接中');
    const connect = async () => {
      try {
        const response = await api('/events/stream?after=' + last, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
        label('实时：已连接');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = block.split('\n').find(line => line.startsWith('id:'));
            if (!id) continue; // a heartbeat
            last = Number(id.slice(3).trim());
            label('实时：收到新数据');
            clearTimeout(this.timer);
            this.timer = setTimeout(() => refresh(last), 1000);
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      if (!controller.signal.aborted) {
        label('实时：重新连接中');
        setTimeout(connect, 3000);
      }
    };
    connect();
  },
};
