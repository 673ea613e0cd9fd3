/** Configs the page life-cycle tests share (prerendering, the back/forward cache, erasing). */

export const banner = (heading: string) => ({ type: 'hero', heading });

/** A hero that thanks a buyer, and otherwise runs an A/B test (so exposures can be counted). */
export const PRERENDER_CONFIG = {
  consent: 'implied',
  segments: { buyer: 'orders >= 1' },
  slots: {
    hero: {
      rules: [
        { id: 'thanks', when: 'buyer', content: banner('Thanks for your order') },
        {
          id: 'welcome-test',
          variants: [
            { id: 'a', weight: 50, content: banner('Welcome, A') },
            { id: 'b', weight: 50, content: banner('Welcome, B') },
          ],
        },
      ],
    },
  },
  endpoint: '/collect',
};
