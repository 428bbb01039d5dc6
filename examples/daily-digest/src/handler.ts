// Scheduled every morning: summarizes yesterday's conversations per account and appends the digest
// to the account's digest history in S3.
import OpenAI from "openai";
import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { summarize } from "./summarize";

const s3 = new S3Client({ requestHandler: { requestTimeout: 5_000, throwOnRequestTimeout: true } });

export const handler = async (event: { accountId: string; conversations: string[] }) => {
  const openai = new OpenAI({ timeout: 30_000 });
  const digest = await summarize(openai, event.conversations);

  const key = `digests/${event.accountId}.json`;
  const current = await s3.send(new GetObjectCommand({ Bucket: process.env.DIGEST_BUCKET, Key: key }));
  const history = JSON.parse((await current.Body?.transformToString()) ?? "[]") as string[];
  history.push(digest);
  await s3.send(new PutObjectCommand({ Bucket: process.env.DIGEST_BUCKET, Key: key, Body: JSON.stringify(history) }));
  return { ok: true, entries: history.length };
};
