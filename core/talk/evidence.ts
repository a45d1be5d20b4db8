/**
 * The studies the talk cites, by the slide that cites them. The full reference is written on the
 * slide itself; this list lets the tests check that every study's authors and year are printed.
 */
export interface CitedStudy {
  slideId: string
  authors: string[]
  year: number
}

export const citedStudies: CitedStudy[] = [
  { slideId: 'evidence-flynn-lake', authors: ['Flynn', 'Lake'], year: 2008 },
  { slideId: 'evidence-bohns', authors: ['Bohns'], year: 2016 },
  { slideId: 'evidence-zhao-epley', authors: ['Zhao', 'Epley'], year: 2022 },
  { slideId: 'evidence-in-person', authors: ['Roghanizad', 'Bohns'], year: 2017 },
  { slideId: 'evidence-brooks', authors: ['Brooks', 'Gino', 'Schweitzer'], year: 2015 },
  { slideId: 'evidence-caveat', authors: ['Rosette', 'Mueller', 'Lebel'], year: 2015 },
  { slideId: 'evidence-edmondson', authors: ['Edmondson'], year: 1999 },
]
