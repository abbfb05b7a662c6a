/** Content elements (API.md), as zod schemas: validated on the way in (actions), typed on the way out (events). */
import * as z from "zod";

export const id = z.union([z.string().min(1).max(128), z.number().int().transform(String)]).pipe(z.string());

export const TextElement = z.object({ type: z.literal("text"), text: z.string() });
export const MentionElement = z.object({ type: z.literal("mention"), user_id: id, name: z.string().optional() });
export const ImageElement = z.object({
  type: z.literal("image"),
  url: z.string().min(1),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
  thumbnail: z.string().optional(),
});
export const FileElement = z.object({
  type: z.literal("file"),
  url: z.string().optional(),
  name: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});
export const AudioElement = z.object({ type: z.literal("audio"), url: z.string().min(1), duration_s: z.number().nonnegative().optional() });
export const VideoElement = z.object({ type: z.literal("video"), url: z.string().min(1), duration_s: z.number().nonnegative().optional() });
export const EmojiElement = z.object({ type: z.literal("emoji"), id: id, text: z.string().optional() });
export const MarkdownElement = z.object({ type: z.literal("markdown"), text: z.string() });
export const HtmlElement = z.object({ type: z.literal("html"), text: z.string() });
export const UnknownElement = z.object({ type: z.literal("unknown"), raw: z.unknown() });

export const Element = z.discriminatedUnion("type", [
  TextElement,
  MentionElement,
  ImageElement,
  FileElement,
  AudioElement,
  VideoElement,
  EmojiElement,
  MarkdownElement,
  HtmlElement,
  UnknownElement,
]);
export type Element = z.infer<typeof Element>;

/** `content` in actions: elements, or a string for plain text. */
export const Content = z
  .union([z.string().min(1), z.array(Element).min(1)])
  .transform((c): Element[] => (typeof c === "string" ? [{ type: "text", text: c }] : c));

/** The plain-text rendering of elements (an event's `text`). */
export function plainText(content: readonly Element[]): string {
  return content
    .map((e) => {
      switch (e.type) {
        case "text":
        case "markdown":
        case "html":
          return e.text;
        case "mention":
          return `@${e.name ?? (e.user_id === "all" ? "all" : e.user_id)}`;
        case "emoji":
          return e.text ?? "";
        default:
          return "";
      }
    })
    .join("");
}
