/**
 * Registers the volunteer screens and the 我的志愿服务 section (once; a second copy only warns).
 * Imported by ../define.ts, which arrives right after the first screen is painted, so the kiosk's
 * first screen does not pay for them.
 */
import { defineElement } from '../../components/core/define.ts';
import { LinliVolunteerActivityEditor } from './activity-editor.ts';
import { LinliVolunteerAttendanceScreen } from './attendance-screen.ts';
import { LinliMineVolunteer } from './mine-volunteer.ts';
import { LinliVolunteerRecords } from './volunteer-records.ts';
import { LinliVolunteerScreen } from './volunteer-screen.ts';

defineElement('linli-volunteer-screen', LinliVolunteerScreen);
defineElement('linli-volunteer-attendance-screen', LinliVolunteerAttendanceScreen);
defineElement('linli-volunteer-activity-editor', LinliVolunteerActivityEditor);
defineElement('linli-mine-volunteer', LinliMineVolunteer);
defineElement('linli-volunteer-records', LinliVolunteerRecords);
