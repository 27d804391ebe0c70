/**
 * The ids of the content catalogue (content/<lang>.po): shipped samples and lessons by their
 * own id and step index, never by anything a user wrote. English is not in it: it stays in
 * the scenario itself.
 */
export const contentIds = {
  sample: (id: string) => ({ name: `content.sample.${id}.name`, description: `content.sample.${id}.description` }),
  lesson: (id: string) => ({
    /** The short title the scenario menu lists ("how a pod gets a VPC IP"). */
    title: `content.lesson.${id}.title`,
    name: `content.lesson.${id}.name`,
    description: `content.lesson.${id}.description`,
    /** A step's id stem: `.title` and `.narration` follow. */
    step: (index: number) => `content.lesson.${id}.step.${index}`,
  }),
};
