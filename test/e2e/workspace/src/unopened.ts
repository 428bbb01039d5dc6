export const ping = () => fetch("https://status.example.com/ping");
