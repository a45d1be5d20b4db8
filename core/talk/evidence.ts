/**
 * The studies the talk cites, by the slide that cites them, with a brief a facilitator can answer
 * questions from ("was that with colleagues or strangers?"). The essay cites no research: every
 * study here is the kit's addition. Each finding says what the study found and no more; where the
 * talk draws its own conclusion, the slide marks it as the kit's view.
 */
export interface CitedStudy {
  slideId: string
  authors: string[]
  year: number
  /** Full reference, with volume, issue, pages and DOI. */
  citation: string
  design: string
  participants: string
  finding: string
  limits: string
  /** A plain-language summary the slide takes a figure from, credited beside the study. */
  summary?: string
}

export const citedStudies: CitedStudy[] = [
  {
    slideId: 'evidence-underestimate',
    authors: ['Flynn', 'Lake'],
    year: 2008,
    citation: 'Flynn, F. J., & Lake, V. K. B. (2008). “If you need help, just ask”: Underestimating compliance with direct requests for help. Journal of Personality and Social Psychology, 95(1), 128–143. https://doi.org/10.1037/0022-3514.95.1.128',
    design: 'Six studies. In the first three, participants predicted how many strangers they would have to ask before a set number agreed (to fill in a questionnaire, lend a mobile phone, walk them to the campus gym), then went and asked; the third took the question into a real fundraising campaign. Studies 4–6 swapped perspectives (asker or potential helper) and varied how awkward it was to refuse.',
    participants: 'University students in New York asking strangers on and around campus, and volunteers raising money for a charity.',
    finding: 'Askers underestimated by as much as 50% how likely others were to agree. They thought about the cost of saying yes and overlooked how awkward it is to say no.',
    limits: 'Mostly small, one-off requests made face to face to strangers, by students in one US city. Colleagues who know you may feel more, or less, free to refuse.',
  },
  {
    slideId: 'evidence-underestimate',
    authors: ['Bohns'],
    year: 2016,
    citation: 'Bohns, V. K. (2016). (Mis)understanding our influence over others: A review of the underestimation-of-compliance effect. Current Directions in Psychological Science, 25(2), 119–123. https://doi.org/10.1177/0963721415628011',
    design: 'A review by Vanessa Bohns (born Lake, the second author of Flynn & Lake 2008) of her research group’s studies of the same effect.',
    participants: 'Across those studies, participants had made requests of more than 14,000 strangers.',
    finding: 'Requesters underestimated how many people would agree by 48% on average. The error held across samples and requests, and came from not appreciating how awkward it is to say no.',
    limits: 'A narrative review of one group’s own studies, not an independent meta-analysis. The requests were to strangers, and the review notes conditions that weaken or reverse the effect, such as asking by email.',
  },
  {
    slideId: 'evidence-zhao-epley',
    authors: ['Zhao', 'Epley'],
    year: 2022,
    citation: 'Zhao, X., & Epley, N. (2022). Surprisingly happy to have helped: Underestimating prosociality creates a misplaced barrier to asking for help. Psychological Science, 33(10), 1708–1731. https://doi.org/10.1177/09567976221097615',
    design: 'Six experiments comparing people who asked for help with the people they asked: real requests to strangers (such as taking a photo in a park), recalled requests between friends, and imagined ones.',
    participants: 'More than 2,000 participants, mostly in the United States, including visitors to a public park and people taking part online.',
    finding: 'People who asked underestimated how willing others were to help, underestimated how good helping made the helper feel, and overestimated how inconvenienced the helper felt.',
    limits: 'Mostly small favours and US samples. How helpers feel about a large or repeated request at work was not measured.',
  },
  {
    slideId: 'evidence-in-person',
    authors: ['Roghanizad', 'Bohns'],
    year: 2017,
    citation: 'Roghanizad, M. M., & Bohns, V. K. (2017). Ask in person: You’re less persuasive than you think over email. Journal of Experimental Social Psychology, 69, 223–226. https://doi.org/10.1016/j.jesp.2016.10.002',
    design: 'Two studies. Participants each asked strangers to fill in a short survey, either face to face or by email with the same script, after predicting how many would say yes.',
    participants: 'University students as requesters; in the first study, 45 of them asked 10 strangers each.',
    finding: 'People asking by email overestimated how many would say yes; people asking face to face underestimated it, as in earlier studies. Both groups expected about the same, but face-to-face requests got far more yeses. Bohns’s Harvard Business Review summary puts face-to-face requests at 34 times as successful as email.',
    limits: 'Requests to strangers, where an email can look like spam. A message to a colleague who knows you is a different situation; the 34 times figure is from the summary, not the paper’s abstract.',
    summary: 'Bohns, V. K. (2017, April 11). A face-to-face request is 34 times more successful than an email. Harvard Business Review.',
  },
  {
    slideId: 'evidence-brooks',
    authors: ['Brooks', 'Gino', 'Schweitzer'],
    year: 2015,
    citation: 'Brooks, A. W., Gino, F., & Schweitzer, M. E. (2015). Smart people ask for (my) advice: Seeking advice boosts perceptions of competence. Management Science, 61(6), 1421–1435. https://doi.org/10.1287/mnsc.2014.2054',
    design: 'Five studies: a survey of what people expect, then experiments in which participants did a task (such as a brain teaser) and then heard from a partner, sometimes simulated, who either asked them for advice or did not, and rated that partner’s competence.',
    participants: 'University students and adults recruited online.',
    finding: 'People expected that asking would make them look less competent. In fact the person they asked rated them as more competent, especially when the task was hard and when that person was an expert in it. Watching someone ask a third person did not raise ratings in the same way.',
    limits: 'Short laboratory and online exchanges between people who did not know each other. On easy tasks, asking did not raise ratings.',
  },
  {
    slideId: 'evidence-caveat',
    authors: ['Rosette', 'Mueller', 'Lebel'],
    year: 2015,
    citation: 'Rosette, A. S., Mueller, J. S., & Lebel, R. D. (2015). Are male leaders penalized for seeking help? The influence of gender and asking behaviors on competence perceptions. The Leadership Quarterly, 26(5), 749–762. https://doi.org/10.1016/j.leaqua.2015.02.001',
    design: 'A field study, then experiments. In the field study, team members rated the competence of each day’s leader on outdoor leadership expeditions; the experiments varied the leader’s gender and whether the leader asked for help.',
    participants: 'Business-school students on leadership expeditions (the field study), then experiment participants rating described leaders.',
    finding: 'Male leaders who sought help were rated as less competent than male leaders who did not. Female leaders who sought help were not penalised. The explanation supported was that asking is seen as atypical for a male leader.',
    limits: 'Ratings of competence, not careers or results. The study does not show how the penalty changes when asking becomes normal; that is the kit’s own view, not a finding.',
  },
  {
    slideId: 'evidence-edmondson',
    authors: ['Edmondson'],
    year: 1999,
    citation: 'Edmondson, A. (1999). Psychological safety and learning behavior in work teams. Administrative Science Quarterly, 44(2), 350–383. https://doi.org/10.2307/2666999',
    design: 'A field study in one manufacturing company: interviews and observation, then a survey of the teams and their managers at one point in time (cross-sectional).',
    participants: 'A sample of 51 work teams in the company.',
    finding: 'Team psychological safety, a shared belief that the team is safe for interpersonal risk-taking, was linked to more learning behaviour (asking questions, seeking feedback, talking about errors), and learning behaviour was linked to team performance.',
    limits: 'Cross-sectional and correlational: it shows association, not cause. One company, in the 1990s.',
  },
]

/** The studies one slide cites, in the order the slide lists them. */
export function studiesOnSlide(slideId: string): CitedStudy[] {
  return citedStudies.filter(study => study.slideId === slideId)
}

/** The reference up to its year, e.g. "Flynn, F. J., & Lake, V. K. B. (2008)": how a slide's `::source::` names the study. */
function referenceHead(study: CitedStudy): string {
  return study.citation.slice(0, study.citation.indexOf(`(${study.year})`) + `(${study.year})`.length)
}

/** Whether a slide cites a study: it is the study's own slide, or its reference names the study's authors and year. */
export function slideCites(slide: { id: string, citation: string | null }, study: CitedStudy): boolean {
  return slide.id === study.slideId || (slide.citation?.includes(referenceHead(study)) ?? false)
}

/**
 * The studies a deck cites, in the briefs' order: another deck (an example, a translation)
 * gets the briefs of the studies its slides show, and no others.
 */
export function studiesCitedBy(slides: ReadonlyArray<{ id: string, citation: string | null }>): CitedStudy[] {
  return citedStudies.filter(study => slides.some(slide => slideCites(slide, study)))
}
