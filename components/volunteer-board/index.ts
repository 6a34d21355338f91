export { LinliVolunteerBoard, type VolunteerBoardHost, type VolunteerCancelledDetail, type VolunteerSignedUpDetail } from './volunteer-board.ts';
