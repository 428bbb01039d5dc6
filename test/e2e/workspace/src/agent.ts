export async function lookup(id: string) {
  const res = await fetch(`https://crm.example.com/contacts/${id}`);
  return res.json();
}
